import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { PAGE_LOCALES } from '../http/locale.ts';
import { htmlPage } from '../http/openapi.ts';
import { notFoundPage, pageHeaders, pickLocale, type PageLocale } from '../http/pages.ts';
import { trackerFor, type TrackRequest } from './1-http-tracker.ts';
import { PIXEL_GIF, PIXEL_HEADERS } from './1-http-pixel-gif.ts';
import { clientIpOf } from './1-http-client-ip.ts';
import { tokenParams } from '../track/token.ts';

export const REDIRECT_HEADERS = { 'Cache-Control': 'no-store, private', 'Referrer-Policy': 'no-referrer' };

/** The two routes served here, before Hono: declared for the API document (app.ts adds them to it). */
export const PIXEL_AND_REDIRECT_ROUTES = [
  createRoute({
    method: 'get',
    path: '/o/{token}',
    summary: 'Open pixel (a `.gif` suffix may follow the token); records an open',
    request: { params: tokenParams },
    responses: { 200: { description: 'The 43-byte transparent GIF, also for an invalid token', content: { 'image/gif': { schema: {} } } } },
  }),
  createRoute({
    method: 'get',
    path: '/c/{token}',
    summary: 'Tracked link: records a click and redirects to the signed destination (merge-tag values from m0, m1 ...)',
    request: { params: tokenParams },
    responses: { 302: { description: 'Redirect to the destination' }, 404: htmlPage('Invalid token') },
  }),
];

/**
 * The pixel (`/o/<token>`) and the redirect (`/c/<token>`): the one implementation, straight on node:http because
 * they are most of the traffic and the Fetch API objects Hono builds per request cost more than the rest of a hit.
 * Returns false for anything else (other paths, other methods), which Hono then serves.
 *
 * A request that throws is answered 500 and logged; nothing a single request does may take the process down.
 */
export function createPixelAndRedirect(deps: AppDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const tracker = trackerFor(deps);
  // Made once per language, so a bad link costs no page rendering.
  const notFound = Object.fromEntries(PAGE_LOCALES.map((l) => [l, Buffer.from(notFoundPage(l))])) as Record<PageLocale, Buffer>;
  const failed = (res: ServerResponse, e: unknown) => {
    deps.log.error(`tracking request failed: ${res.req?.method} ${res.req?.url?.slice(0, 200)}`, e);
    if (res.headersSent) res.destroy();
    else {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Something went wrong on our side.');
    }
  };
  // The spool calls these back once a hit is durable: they must not throw there, outside any request's try.
  const sendPixel = (res: ServerResponse) => {
    try {
      res.writeHead(200, PIXEL_HEADERS);
      res.end(res.req.method === 'HEAD' ? undefined : PIXEL_GIF);
    } catch (e) {
      failed(res, e);
    }
  };
  const sendRedirect = (res: ServerResponse, location: string) => {
    try {
      res.writeHead(302, { Location: location, 'Content-Length': 0, ...REDIRECT_HEADERS });
      res.end();
    } catch (e) {
      failed(res, e);
    }
  };
  const sendNotFound = (res: ServerResponse) => {
    const locale = pickLocale(res.req.headers['accept-language']);
    const body = notFound[locale];
    res.writeHead(404, { ...pageHeaders(locale), 'Content-Length': body.length });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  };

  return (req, res) => {
    const url = req.url ?? '';
    const route = url.startsWith('/o/') ? 'o' : url.startsWith('/c/') ? 'c' : null;
    if (!route || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    try {
      const q = url.indexOf('?');
      const raw = q < 0 ? url.slice(3) : url.slice(3, q);
      // Tokens are base64url: an encoded or nested path is never one (and is never a pixel: 404, as for any path).
      if (raw.includes('/')) {
        sendNotFound(res);
        return true;
      }
      const r: TrackRequest = {
        method: req.method,
        ua: req.headers['user-agent'] ?? '',
        ip: clientIpOf(req, deps.config.trustProxy),
        query: q < 0 ? '' : url.slice(q),
      };
      if (route === 'o') {
        const hit = tracker.pixel(raw, r);
        if (hit) tracker.record(hit, () => sendPixel(res));
        else sendPixel(res);
        return true;
      }
      const outcome = tracker.click(raw, r);
      if (!outcome) sendNotFound(res);
      else if (outcome.hit) tracker.record(outcome.hit, () => sendRedirect(res, outcome.location));
      else sendRedirect(res, outcome.location);
    } catch (e) {
      failed(res, e);
    }
    return true;
  };
}
