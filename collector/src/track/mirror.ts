import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { htmlPage, pageRoutes } from '../http/openapi.ts';
import { notePage, notFoundPage, pageHeaders, pickLocale, type PageLocale } from '../http/pages.ts';
import { hitFrom, recorded, trackerFor, trackRequestOf } from '../ingest/1-http-tracker.ts';
import { PIXEL_GIF } from '../ingest/1-http-pixel-gif.ts';
import { mirrorHtml } from './queries.ts';
import { tokenParams } from './token.ts';

/**
 * The message as sent, in a sandbox: the CSP allows images and inline styles only, `sandbox` without
 * allow-scripts stops scripts, forms and plugins, and nothing leaks the URL onwards.
 */
export const MIRROR_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; font-src https: data:; " +
    "form-action 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox allow-popups allow-popups-to-escape-sandbox",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store, private',
};

/** The copy as sent holds the message's open pixel: viewing the copy is not an open, so the pixel is a blank here. */
export function withoutPixel(html: string, pixelToken: string): string {
  const pixel = new RegExp(`[^"'\\s>]*/o/${pixelToken}(?:\\.gif)?(?:\\?[^"'\\s>]*)?`, 'g'); // with a list's r=
  return html.replace(pixel, BLANK_GIF);
}

const BLANK_GIF = `data:image/gif;base64,${PIXEL_GIF.toString('base64')}`;

const mirrorPage = createRoute({
  method: 'get',
  path: '/m/{token}',
  summary: 'Mirror page: the message as sent, sandboxed; records a view',
  request: { params: tokenParams },
  responses: { 200: htmlPage('The message'), 404: htmlPage('Invalid token'), 410: htmlPage('Past the retention period') },
});

export function mirrorRoutes(deps: AppDeps) {
  const app = pageRoutes();
  // Beacon's own answers are in the recipient's language; the copy itself is as the sender wrote it.
  const answer = (locale: PageLocale, body: string, status: number, headers: Record<string, string> = {}) =>
    new Response(body, { status, headers: { ...pageHeaders(locale), ...headers } });
  const gone = (locale: PageLocale) => answer(locale, notePage(locale, 'expired'), 410);

  app.openapi(mirrorPage, async (c) => {
    const locale = pickLocale(c.req.header('accept-language'));
    const t = deps.signer.verify(c.req.param('token'), ['mirror']);
    if (!t) return answer(locale, notFoundPage(locale), 404);
    if (t.sentAt + deps.config.retentionDays * 86_400_000 < deps.clock.now()) return gone(locale);
    let row: { html: string | null } | undefined;
    try {
      row = await mirrorHtml(deps.sql, t.workspaceId, t.messageId);
    } catch (e) {
      deps.log.warn('mirror page unavailable', e);
      return answer(locale, notePage(locale, 'unavailable'), 503, { 'Retry-After': '30' });
    }
    if (!row) return answer(locale, notFoundPage(locale), 404);
    if (row.html === null) return gone(locale);
    await recorded(trackerFor(deps), hitFrom(deps, t, 'mirror', trackRequestOf(c, deps.config.trustProxy)));
    return new Response(withoutPixel(row.html, deps.signer.sign({ ...t, kind: 'open' })), { headers: MIRROR_HEADERS });
  });
  return app;
}
