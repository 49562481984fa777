import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { mirrorRoutes } from './mirror.ts';
import { unsubscribeRoutes } from './unsubscribe.ts';

/**
 * The recipients' pages that need the database: the mirror and unsubscribe pages. The pixel and the redirect,
 * which never do, are served before Hono (track/pixel-and-redirect.ts).
 */
export function trackRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.route('/', mirrorRoutes(deps));
  app.route('/', unsubscribeRoutes(deps));
  return app;
}
