import { DOUBLE, DOUBLE_MSO, SINGLE, SINGLE_MSO, escapeWith } from './escape.ts';
import { pixelMarkup } from './pixel.ts';
import type { LinkScan, PlannedLink, RewriteOptions, ScannedLink } from './types.ts';

/**
 * The HTML with the href value of every link planned other than `never` replaced by its tracked URL, and the open
 * pixel inserted if asked (pixel.ts). Every byte outside those href values is left as it was.
 */
export function rewriteLinks(html: string, scan: LinkScan, plan: PlannedLink[], opts: RewriteOptions): string {
  const byUrl = new Map(plan.map((p) => [p.url, p]));
  const made = new Map<string, string>();
  const pixelAt = opts.pixelUrl === undefined ? -1 : (scan.bodyCloseAt ?? html.length);
  const out: string[] = [];
  let at = 0;
  const insertPixelBefore = (offset: number): void => {
    if (pixelAt < 0 || pixelAt < at || pixelAt > offset) return;
    out.push(html.slice(at, pixelAt), pixelMarkup(opts.pixelUrl ?? '', opts.pixelForm ?? 'auto', scan.hasImage));
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

/** `url` escaped for the link's quoting; an unquoted value is written double-quoted, within its own span. */
function hrefValue(html: string, link: ScannedLink, url: string): string {
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
