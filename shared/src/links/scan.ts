import { classifyUrl } from './kinds.ts';
import { tokenize } from './tokenize.ts';
import type { LinkScan, ScannedLink, UniqueLink } from './types.ts';

/**
 * Every link of an email (a full document or a composer's fragment), in document order: `a[href]`, `area[href]`,
 * and `href` on VML elements inside `<!--[if mso]> … <![endif]-->`. Nothing inside plain comments, raw-text
 * elements (script, style, textarea, title …) or escaped text counts.
 */
export function scanLinks(html: string): LinkScan {
  const links: ScannedLink[] = [];
  const unique: UniqueLink[] = [];
  const byUrl = new Map<string, UniqueLink>();
  let bodyCloseAt: number | null = null;
  tokenize(html, {
    addLink(found) {
      let entry = byUrl.get(found.url);
      if (!entry) {
        entry = { url: found.url, kind: classifyUrl(found.url), count: 0 };
        byUrl.set(found.url, entry);
        unique.push(entry);
      }
      entry.count++;
      const link: ScannedLink = {
        index: links.length,
        valueStart: found.valueStart,
        valueEnd: found.valueEnd,
        quote: found.quote,
        raw: found.raw,
        url: found.url,
        kind: entry.kind,
        element: found.element,
        label: found.label,
        inMso: found.inMso,
      };
      links.push(link);
      return link;
    },
    bodyClose(at) {
      bodyCloseAt = at;
    },
  });
  return { links, unique, bodyCloseAt };
}
