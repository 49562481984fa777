/**
 * Beacon's signed tokens in a rendered message body: they survive sending, so they tie what the mailbox shows to
 * its registration. Hosts rewrite the URLs they render: Gmail proxies images (`https://ciN.googleusercontent.com/
 * meips/…#<original>`) and wraps links (`data-saferedirecturl`); Outlook keeps the original in `originalsrc`.
 */
const URL_ATTRIBUTES = ['src', 'originalsrc', 'data-src', 'background', 'href', 'data-saferedirecturl'];
const TOKEN_PATH = /^\/[ocmu]\/([A-Za-z0-9_-]{10,16384}?)(?:\.gif)?$/;
/** Replies quote the message they answer, pixel and all: a quote's tokens are another message's. */
const QUOTES = 'blockquote, .gmail_quote, #divRplyFwdMsg, #divRplyFwdMsg ~ *, #appendonsend ~ *';

/**
 * The collectors whose tracking URLs count: their origins, or `any` where the tokens are only matched against ones
 * this browser registered (a token names one message, so another origin's cannot match).
 */
export type TrackingOrigins = readonly string[] | 'any';

/** The token a URL carries when it is one of the collector's (`origins`) tracking URLs, seen through host rewrites. */
export function tokenOfUrl(raw: string, origins: TrackingOrigins): string | null {
  for (const candidate of unwrap(raw)) {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      continue;
    }
    if (origins !== 'any' && !origins.includes(url.origin)) continue;
    const match = TOKEN_PATH.exec(url.pathname);
    if (match) return match[1]!;
  }
  return null;
}

/** The URL itself, the original behind Gmail's image proxy (after `#`) and a redirect's `q`/`url` parameter. */
function unwrap(raw: string): string[] {
  const out = [raw];
  const hash = raw.indexOf('#');
  if (hash > 0 && /googleusercontent\.com\//.test(raw.slice(0, hash))) out.push(raw.slice(hash + 1));
  try {
    const url = new URL(raw);
    for (const key of ['q', 'url']) {
      const inner = url.searchParams.get(key);
      if (inner) out.push(inner);
    }
  } catch {
    // not a URL: nothing more inside
  }
  return out;
}

/** Every distinct token in `body`, pixel first (the shortest), leaving quoted text out. */
export function tokensIn(body: ParentNode, origins: TrackingOrigins): string[] {
  if (origins !== 'any' && origins.length === 0) return [];
  const quoted = new Set(body.querySelectorAll(QUOTES));
  const isQuoted = (el: Element) => [...quoted].some((q) => q === el || q.contains(el));
  const found = new Set<string>();
  for (const el of body.querySelectorAll('img, a[href], [background]')) {
    if (quoted.size && isQuoted(el)) continue;
    for (const attribute of URL_ATTRIBUTES) {
      const value = el.getAttribute(attribute);
      const token = value ? tokenOfUrl(value, origins) : null;
      if (token) found.add(token);
    }
  }
  return [...found].sort((a, b) => a.length - b.length);
}
