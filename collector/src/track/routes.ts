import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { notFoundPage, PAGE_HEADERS } from '../http/pages.ts';
import { recorded, trackerFor } from './core.ts';
import { PIXEL_GIF, PIXEL_HEADERS } from './gif.ts';
import { trackRequest } from './ip.ts';
import { mirrorRoutes } from './mirror.ts';
import { unsubscribeRoutes } from './unsubscribe.ts';

/**
 * The public endpoints in recipients' mail. The pixel and the redirect never need the database; in production
 * the same logic (track/core.ts) is served by the fast path (track/fast-path.ts) before Hono.
 */
export function trackRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const tracker = trackerFor(deps);
  const request = (c: Parameters<typeof trackRequest>[0]) => trackRequest(c, deps.config.trustProxy);

  app.get('/o/:token', async (c) => {
    const hit = tracker.pixel(c.req.param('token'), request(c));
    if (hit) await recorded(tracker, hit);
    return new Response(PIXEL_GIF, { headers: PIXEL_HEADERS });
  });

  app.get('/c/:token', async (c) => {
    const outcome = tracker.click(c.req.param('token'), request(c));
    if (!outcome) return new Response(notFoundPage(), { status: 404, headers: PAGE_HEADERS });
    if (outcome.hit) await recorded(tracker, outcome.hit);
    return new Response(null, { status: 302, headers: { Location: outcome.location, ...REDIRECT_HEADERS } });
  });

  app.route('/', mirrorRoutes(deps));
  app.route('/', unsubscribeRoutes(deps));
  return app;
}

export const REDIRECT_HEADERS = { 'Cache-Control': 'no-store, private', 'Referrer-Policy': 'no-referrer' };
