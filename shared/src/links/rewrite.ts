import type { LinkScan, PlannedLink, RewriteOptions, ScannedLink } from './types.ts';

/**
 * The HTML with the href value of every link planned other than `never` replaced by its tracked URL, and the open
 * pixel inserted if asked. Every byte outside those href values is left as it was.
 */
export function rewriteLinks(html: string, scan: LinkScan, plan: PlannedLink[], opts: RewriteOptions): string {
  const byUrl = new Map(plan.map((p) => [p.url, p]));
  const made = new Map<string, string>();
  const pixelAt = opts.pixelUrl === undefined ? -1 : (scan.bodyCloseAt ?? html.length);
  const out: string[] = [];
  let at = 0;
  const insertPixelBefore = (offset: number): void => {
    if (pixelAt < 0 || pixelAt < at || pixelAt > offset) return;
    out.push(html.slice(at, pixelAt), pixelTag(opts.pixelUrl ?? ''));
    at = pixelAt;
  };
  for (const link of scan.links) {
    const planned = byUrl.get(link.url);
    if (!planned || planned.type === 'never' || link.valueStart < at || link.valueEnd > html.length) continue;
    insertPixelBefore(link.valueStart);
    let tracked = made.get(planned.url);
    if (tracked === undefined) {
      tracked = opts.trackedUrl(planned);
      made.set(planned.url, tracked);
    }
    out.push(html.slice(at, link.valueStart), hrefValue(html, link, tracked));
    at = link.valueEnd;
  }
  insertPixelBefore(html.length);
  out.push(html.slice(at));
  return out.join('');
}

const ENTITY: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '>': '&gt;' };
const DOUBLE = /[&"]/g;
const SINGLE = /[&']/g;
const DOUBLE_MSO = /[&">]/g;
const SINGLE_MSO = /[&'>]/g;
// `test` leaves lastIndex past a match only when `replace`, which starts from 0 and resets it, follows.
const escapeWith = (url: string, chars: RegExp): string =>
  chars.test(url) ? url.replace(chars, (c) => ENTITY[c] ?? c) : url;

/** `url` escaped for the link's quoting; an unquoted value is written double-quoted, within its own span. */
function hrefValue(html: string, link: ScannedLink, url: string): string {
  // Inside an Outlook conditional comment a `>` could end the comment (`-->`), whatever the quoting.
  if (link.quote === "'") return escapeWith(url, link.inMso ? SINGLE_MSO : SINGLE);
  const escaped = escapeWith(url, link.inMso ? DOUBLE_MSO : DOUBLE);
  if (link.quote === '"') return escaped;
  return `${hasEquals(html, link.valueStart) ? '' : '='}"${escaped}"`;
}

/** False for a bare `<a href>`, whose empty value span sits right after the name. */
function hasEquals(html: string, valueStart: number): boolean {
  let i = valueStart - 1;
  while (i >= 0 && ' \n\t\f\r'.includes(html[i]!)) i--;
  return html[i] === '=';
}

/** The open pixel's markup (also what an editor that takes changes link by link is given). */
export function pixelTag(src: string): string {
  return `<img src="${escapeWith(src, DOUBLE)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0">`;
}
