import { DOUBLE, escapeWith, SINGLE } from '../escape-html.ts';
import { scanLinks } from './scan.ts';

/**
 * The draft as it was before Beacon tracked it: each tracked href put back to its original URL, the open pixel
 * taken out (with the paragraph or figure an editor wrapped around it alone). Only those spans change, so what
 * the sender wrote or edited since stays as it is. `tracked`: tracked URL -> original URL.
 */
export function untrackHtml(html: string, tracked: Readonly<Record<string, string>>, pixelUrl?: string): string {
  const out: string[] = [];
  let at = 0;
  for (const link of scanLinks(html).links) {
    const original = tracked[link.url];
    if (original === undefined || link.valueStart < at) continue;
    const value = escapeWith(original, link.quote === "'" ? SINGLE : DOUBLE);
    out.push(html.slice(at, link.valueStart), link.quote ? value : `"${value}"`);
    at = link.valueEnd;
  }
  out.push(html.slice(at));
  const untracked = out.join('');
  return pixelUrl ? withoutPixel(untracked, pixelUrl) : untracked;
}

const IMG = /<img\b[^>]*>/gi;
const SRC = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const TABLE = /<table\b[^>]*>/gi;
const BACKGROUND = /\sbackground\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const TABLE_END = /<\/table\s*>/i;
/** An element an editor wraps a lone image in (Quill and Tiptap a paragraph, CKEditor 5 a figure). */
const WRAPPED = /<(p|figure|div|span)\b[^>]*>\s*$/i;

const attributeValue = (attribute: RegExpExecArray | null) => (attribute?.[1] ?? attribute?.[2] ?? attribute?.[3] ?? '').replace(/&amp;/g, '&');

function withoutPixel(html: string, pixelUrl: string): string {
  // The background form (pixel.ts): the 1x1 table whose background is the pixel, as the editor keeps it (a <tbody> added).
  for (const m of html.matchAll(TABLE)) {
    if (attributeValue(BACKGROUND.exec(m[0])) !== pixelUrl) continue;
    const close = TABLE_END.exec(html.slice(m.index));
    if (close) return html.slice(0, m.index) + html.slice(m.index + close.index + close[0].length);
  }
  for (const m of html.matchAll(IMG)) {
    if (attributeValue(SRC.exec(m[0])) !== pixelUrl) continue;
    let start = m.index;
    let end = m.index + m[0].length;
    const open = WRAPPED.exec(html.slice(0, start));
    const close = open ? new RegExp(`^\\s*(?:<br\\s*/?>)?\\s*</${open[1]}>`, 'i').exec(html.slice(end)) : null;
    if (open && close) {
      start = open.index;
      end += close[0].length;
    }
    return html.slice(0, start) + html.slice(end);
  }
  return html;
}
