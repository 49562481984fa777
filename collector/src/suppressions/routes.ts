import { SuppressionQuerySchema, type Suppression } from '@beacon/shared/api/me';
import { Hono } from 'hono';
import type { ApiEnv } from '../auth/middleware.ts';
import type { AppDeps } from '../deps.ts';
import { parseWith } from '../http/errors.ts';
import { findSuppression } from './queries.ts';

/** Whether an address unsubscribed from this workspace, so the composer can warn before sending to it. */
export function suppressionRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/', async (c) => {
    const { email } = parseWith(SuppressionQuerySchema, c.req.query());
    const row = await findSuppression(deps.sql, c.get('caller').workspace.id, email);
    const body: Suppression = { email, suppressed: row !== undefined, at: row ? row.at.toISOString() : null };
    return c.json(body);
  });
  return app;
}
