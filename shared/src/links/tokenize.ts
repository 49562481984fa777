import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { addText, collapse, finishLabel, newLabel, type LabelDraft } from './label.ts';
import { msoBody } from './mso.ts';
import { knownTagName, sameName } from './tag-names.ts';
import { readAttributes, resetDraft, tagNameEnd, type TagDraft } from './tag.ts';
import type { ScannedLink } from './types.ts';

export interface LinkSink {
  /** Records a link, setting its index and kind; its label is filled in once the element's text has been read. */
  addLink(link: ScannedLink): void;
  bodyClose(at: number): void;
  /** An `<img>` start tag outside Outlook-only comments. */
  image(): void;
}

/** Elements whose content a browser reads as text (RAWTEXT / RCDATA / PLAINTEXT): markup inside is not markup. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
/** End tags that certainly end the visible text of an unclosed `<a>`. */
const LABEL_STOPS = new Set(['td', 'th', 'tr', 'table', 'body', 'html']);

interface Reader {
  src: string;
  end: number;
  inMso: boolean;
  sink: LinkSink;
  label: { link: ScannedLink; closeOn: string; draft: LabelDraft } | null;
  /** Reused for every tag: one allocation per reader, not per tag. */
  tag: TagDraft;
}

const newReader = (src: string, end: number, inMso: boolean, sink: LinkSink): Reader => ({
  src,
  end,
  inMso,
  sink,
  label: null,
  tag: { name: '', linkable: false, wantsAlt: false, href: null, alt: null, selfClosing: false },
});

/**
 * Reads `html` as a browser's tokenizer does (HTML Living Standard §13.2.5, for the states that decide what is a
 * tag) and hands every link to `sink`. The body of each Outlook-only conditional comment is read again as HTML.
 * Hand-written rather than htmlparser2's Tokenizer: skipping text, values and comments with `indexOf` makes the
 * whole scan faster than a bare Tokenizer pass (bench/link-engine.ts), and end tags keep their quoted attributes
 * as browsers do. Not modelled: script-data escapes (`<!--<script>` inside a script; mail clients drop scripts)
 * and foreign content (`<svg>`, `<math>`). rewrite.property.test.ts holds it to parse5 on generated HTML.
 */
export function tokenize(html: string, sink: LinkSink): void {
  read(newReader(html, html.length, false, sink), 0);
}

function read(r: Reader, from: number): void {
  const { src, end } = r;
  let textFrom = from;
  let i = from;
  while (i < end) {
    const lt = src.indexOf('<', i);
    if (lt < 0 || lt >= end) break;
    const next = lt + 1 < end ? src.charCodeAt(lt + 1) : -1;
    if (!isAlpha(next) && next !== 0x2f /* / */ && next !== 0x21 /* ! */ && next !== 0x3f /* ? */) {
      i = lt + 1; // a lone `<` is text
      continue;
    }
    if (r.label && lt > textFrom) addText(r.label.draft, decodeText(src.slice(textFrom, lt)));
    let after: number;
    if (isAlpha(next)) after = startTag(r, lt);
    else if (next === 0x2f) after = endTag(r, lt);
    else if (next === 0x21) after = markupDeclaration(r, lt);
    else after = untilGt(r, lt + 2); // `<?…>` is a bogus comment
    i = textFrom = after;
  }
  if (r.label && end > textFrom) addText(r.label.draft, decodeText(src.slice(textFrom, end)));
  endLabel(r);
}

function startTag(r: Reader, lt: number): number {
  const nameEnd = tagNameEnd(r.src, lt + 1, r.end);
  if (nameEnd < 0) return r.end;
  const name = knownTagName(r.src, lt + 1, nameEnd);
  if (name === 'a' && r.label?.closeOn === 'a') endLabel(r); // a new <a> closes the previous one
  const draft = resetDraft(r.tag, name);
  draft.linkable = name === 'a' || name === 'area' || (r.inMso && name.startsWith('v:'));
  draft.wantsAlt = name === 'area' || (name === 'img' && r.label !== null && r.label.draft.alt === '');
  const after = readAttributes(r.src, nameEnd, r.end, draft);
  if (after < 0) return r.end; // a tag cut off by the end of input is dropped, as browsers do
  const href = draft.href;
  if (draft.linkable && href) {
    const link: ScannedLink = {
      index: 0,
      valueStart: href.start,
      valueEnd: href.end,
      quote: href.quote,
      raw: r.src.slice(href.start, href.end),
      url: trimUrl(decodeAttribute(href.value)),
      kind: 'other',
      element: name,
      label: '',
      inMso: r.inMso,
    };
    r.sink.addLink(link);
    if (name === 'area') link.label = collapse(decodeAttribute(draft.alt ?? ''));
    else if (!(draft.selfClosing && name.startsWith('v:'))) r.label = { link, closeOn: name, draft: newLabel() };
  } else if (name === 'img') {
    if (!r.inMso) r.sink.image();
    if (draft.alt !== null && r.label) r.label.draft.alt = decodeAttribute(draft.alt);
  }
  return RAW_TEXT.has(name) ? rawTextEnd(r, after, name) : after;
}

function endTag(r: Reader, lt: number): number {
  const { src, end } = r;
  const first = lt + 2 < end ? src.charCodeAt(lt + 2) : -1;
  if (first === -1) return end; // `</` at the very end is text; nothing follows it
  if (first === 0x3e /* > */) return lt + 3; // `</>` is dropped
  if (!isAlpha(first)) return untilGt(r, lt + 2); // `</ x>`, `</3>`: a bogus comment
  const nameEnd = tagNameEnd(src, lt + 2, end);
  if (nameEnd < 0) return end;
  const name = knownTagName(src, lt + 2, nameEnd);
  const after = readAttributes(src, nameEnd, end, resetDraft(r.tag, name)); // end tags may carry attributes too
  if (after < 0) return end;
  if (name === 'body' && !r.inMso) r.sink.bodyClose(lt);
  const label = r.label;
  if (label && name !== '' && (name === label.closeOn || (label.closeOn === 'a' && LABEL_STOPS.has(name)))) endLabel(r);
  return after;
}

/** `<!-- … -->`, with the Outlook-only ones read again as HTML; `<!DOCTYPE …>`, `<![CDATA[…>` and `<!x>` up to `>`. */
function markupDeclaration(r: Reader, lt: number): number {
  const { src, end } = r;
  if (!src.startsWith('--', lt + 2) || lt + 4 > end) return untilGt(r, lt + 2);
  const start = lt + 4;
  if (src.charCodeAt(start) === 0x3e && start < end) return start + 1; // `<!-->`
  if (src.startsWith('->', start) && start + 2 <= end) return start + 2; // `<!--->`
  let close = end;
  let after = end;
  for (let j = start; ; ) {
    const dashes = src.indexOf('--', j);
    if (dashes < 0 || dashes + 2 >= end) break;
    if (src.charCodeAt(dashes + 2) === 0x3e) {
      [close, after] = [dashes, dashes + 3];
      break;
    }
    if (src.startsWith('!>', dashes + 2) && dashes + 4 <= end) {
      [close, after] = [dashes, dashes + 4];
      break;
    }
    j = dashes + 1;
  }
  const body = r.inMso ? null : msoBody(src, start, close);
  if (body) read(newReader(src, body.end, true, r.sink), body.start);
  return after;
}

/** Where the text of a raw-text element ends: at its own end tag (`</script` then space, `/` or `>`). */
function rawTextEnd(r: Reader, from: number, name: string): number {
  const { src, end } = r;
  if (name === 'plaintext') return end;
  for (let j = from; ; ) {
    const close = src.indexOf('</', j);
    if (close < 0 || close + 2 + name.length >= end) return end;
    const after = src.charCodeAt(close + 2 + name.length);
    const terminated = after === 0x3e || after === 0x2f || isSpace(after);
    if (terminated && sameName(src, close + 2, name)) return close;
    j = close + 2;
  }
}

function untilGt(r: Reader, from: number): number {
  const gt = r.src.indexOf('>', from);
  return gt < 0 || gt >= r.end ? r.end : gt + 1;
}

function endLabel(r: Reader): void {
  if (r.label) r.label.link.label = finishLabel(r.label.draft);
  r.label = null;
}

export function isAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

/** Attribute rules: `&amp;` is `&`, but a legacy `&copy=` stays literal (HTML spec, as browsers do). */
function decodeAttribute(value: string): string {
  return value.includes('&') ? decodeHTMLAttribute(value) : value;
}

function decodeText(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}

/** Browsers strip leading and trailing C0 controls and spaces from a URL. */
function trimUrl(url: string): string {
  let start = 0;
  let end = url.length;
  while (start < end && url.charCodeAt(start) <= 0x20) start++;
  while (end > start && url.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === url.length ? url : url.slice(start, end);
}
