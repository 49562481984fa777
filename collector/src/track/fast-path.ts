import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDeps } from '../deps.ts';
import { notFoundPage, PAGE_HEADERS } from '../http/pages.ts';
import { trackerFor, type TrackRequest } from './core.ts';
import { PIXEL_GIF, PIXEL_HEADERS } from './gif.ts';
import { REDIRECT_HEADERS } from './routes.ts';

/**
 * The pixel and the redirect straight on node:http, skipping the Fetch API objects Hono builds per request:
 * they are most of the traffic. Same logic as the Hono routes (track/core.ts); anything unusual (an encoded or
 * nested path, another method) returns false and goes to Hono.
 */
export function createFastPath(deps: AppDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const tracker = trackerFor(deps);
  const notFound = Buffer.from(notFoundPage());
  return (req, res) => {
    const url = req.url ?? '';
    const route = url.startsWith('/o/') ? 'o' : url.startsWith('/c/') ? 'c' : null;
    if (!route || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const q = url.indexOf('?');
    const raw = q < 0 ? url.slice(3) : url.slice(3, q);
    if (raw === '' || raw.includes('/') || raw.includes('%')) return false;
    const r: TrackRequest = {
      method: req.method,
      ua: req.headers['user-agent'] ?? '',
      ip: clientIp(req, deps.config.trustProxy),
      query: q < 0 ? '' : url.slice(q),
    };
    if (route === 'o') {
      const hit = tracker.pixel(raw, r);
      if (hit) tracker.record(hit, () => sendPixel(res, r.method));
      else sendPixel(res, r.method);
      return true;
    }
    const outcome = tracker.click(raw, r);
    if (!outcome) {
      res.writeHead(404, { ...PAGE_HEADERS, 'Content-Length': notFound.length });
      res.end(req.method === 'HEAD' ? undefined : notFound);
    } else if (outcome.hit) {
      tracker.record(outcome.hit, () => sendRedirect(res, outcome.location));
    } else {
      sendRedirect(res, outcome.location);
    }
    return true;
  };
}

// Module-level, so no function is created per request (tsx's keepNames makes that costlier still).
function sendPixel(res: ServerResponse, method: string): void {
  res.writeHead(200, PIXEL_HEADERS);
  res.end(method === 'HEAD' ? undefined : PIXEL_GIF);
}

function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Content-Length': 0, ...REDIRECT_HEADERS });
  res.end();
}

function clientIp(req: IncomingMessage, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress;
}
