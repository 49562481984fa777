import { SuppressionQuerySchema, SuppressionSchema, type Suppression } from '@beacon/shared/api/me';
import { createRoute } from '@hono/zod-openapi';
import type { ApiEnv } from '../auth/middleware.ts';
import type { AppDeps } from '../deps.ts';
import { errors, json, named, openApiRoutes, secured } from '../http/openapi.ts';
import { findSuppression } from './queries.ts';

const suppression = createRoute({
  method: 'get',
  path: '/',
  summary: 'Whether an address unsubscribed from this workspace',
  ...secured,
  request: { query: SuppressionQuerySchema },
  responses: { 200: json(named(SuppressionSchema, 'Suppression'), 'Suppression status'), ...errors(400, 401, 429) },
});

/** Whether an address unsubscribed from this workspace, so the composer can warn before sending to it. */
export function suppressionRoutes(deps: AppDeps) {
  const app = openApiRoutes<ApiEnv>();
  app.openapi(suppression, async (c) => {
    const { email } = c.req.valid('query');
    const row = await findSuppression(deps.sql, c.get('caller').workspace.id, email);
    const body: Suppression = { email, suppressed: row !== undefined, at: row ? row.at.toISOString() : null };
    return c.json(body, 200);
  });
  return app;
}
