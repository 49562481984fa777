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
  let hasImage = false;
  tokenize(html, {
    addLink(link) {
      let entry = byUrl.get(link.url);
      if (!entry) {
        entry = { url: link.url, kind: classifyUrl(link.url), count: 0 };
        byUrl.set(link.url, entry);
        unique.push(entry);
      }
      entry.count++;
      link.index = links.length;
      link.kind = entry.kind;
      links.push(link);
    },
    bodyClose(at) {
      bodyCloseAt = at;
    },
    image() {
      hasImage = true;
    },
  });
  return { links, unique, bodyCloseAt, hasImage };
}
