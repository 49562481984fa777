// Small, accessible HTML pages for recipients (unsubscribe, errors), in their language; no script, no external resources.
import { escapeHtml } from '@beacon/shared/escape-html';
import { pickLocale, type PageLocale } from './locale.ts';
import { PAGE_TEXTS, pageHtml, pageText, type PageTextKey } from './texts/index.ts';

export { escapeHtml, pickLocale, type PageLocale };

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:2rem 1rem;color:#1a1a1a;background:#fafafa}' +
  'main{max-width:32rem;margin:0 auto;background:#fff;border:1px solid #ddd;border-radius:8px;padding:1.5rem 2rem}' +
  'h1{font-size:1.4rem;margin-top:0}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #174ea6;' +
  'background:#1a73e8;color:#fff;cursor:pointer}button:focus-visible,input:focus-visible{outline:3px solid #fbbc04;outline-offset:2px}' +
  'label{display:block;margin:.5rem 0 .25rem}input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}.muted{color:#555}';

/** `bodyHtml` must already be escaped. */
export function page(locale: PageLocale, title: string, bodyHtml: string): string {
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${bodyHtml}</main></body></html>`
  );
}

/** The pages that say one thing: each has a `…Title`, a `…Text` and maybe a `…Heading` (else the title is the heading). */
export type NoteName = 'notFound' | 'nothingHere' | 'unavailable' | 'tooMany' | 'expired' | 'unsubscribed' | 'thanks' | 'already';

export function notePage(locale: PageLocale, name: NoteName, valuesHtml: Record<string, string> = {}): string {
  const title = pageText(locale, `${name}Title`);
  const heading: PageTextKey = `${name}Heading` in PAGE_TEXTS.en ? (`${name}Heading` as PageTextKey) : `${name}Title`;
  return page(locale, title, `<h1>${pageHtml(locale, heading, valuesHtml)}</h1><p>${pageHtml(locale, `${name}Text`, valuesHtml)}</p>`);
}

/** Headers for every page Beacon itself renders: nothing may run, load from elsewhere, or leak the URL. */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

/** PAGE_HEADERS for a page in `locale`, which it was chosen in by the request's Accept-Language. */
export function pageHeaders(locale: PageLocale): Record<string, string> {
  return { ...PAGE_HEADERS, 'Content-Language': locale, Vary: 'Accept-Language' };
}

export function notFoundPage(locale: PageLocale): string {
  return notePage(locale, 'notFound');
}
