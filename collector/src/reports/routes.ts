import { IdSchema } from '@beacon/shared/api/common';
import { ReportSchema, ReportScopeSchema } from '@beacon/shared/api/reports';
import { createRoute, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../auth/middleware.ts';
import { usersOfWorkspace } from '../auth/queries.ts';
import type { AppDeps } from '../deps.ts';
import { fail } from '../http/errors.ts';
import { errors, json, named, openApiRoutes, secured } from '../http/openapi.ts';
import { findMessage } from '../messages/queries.ts';
import { linkDim } from '../rollups/link-dims.ts';
import { buildReport } from './report.ts';

const Report = named(ReportSchema, 'Report');

const messageReport = createRoute({
  method: 'get',
  path: '/messages/{id}/reports/{kind}',
  summary: "A message's live (24 h) or global report",
  ...secured,
  request: { params: z.object({ id: IdSchema, kind: ReportScopeSchema }) },
  responses: { 200: json(Report, 'The report'), ...errors(400, 401, 404, 429) },
});

const overallReport = createRoute({
  method: 'get',
  path: '/reports/{kind}',
  summary: "Live or global report over the caller's messages (the workspace for managers and admins, per sender)",
  ...secured,
  request: { params: z.object({ kind: ReportScopeSchema }) },
  responses: { 200: json(Report, 'The report'), ...errors(400, 401, 429) },
});

export function reportRoutes(deps: AppDeps) {
  const app = openApiRoutes<ApiEnv>();

  app.openapi(messageReport, async (c) => {
    const caller = c.get('caller');
    const { id, kind } = c.req.valid('param');
    const message = await findMessage(deps.sql, caller, id);
    if (!message) fail('not_found', 'no such message');
    const links = message.links.filter((l) => l.type !== 'never').map((l) => linkDim(l.type, l.url));
    const scope = { workspaceId: caller.workspace.id, scope: 'm' as const, id };
    return c.json(await buildReport(deps.sql, scope, kind, deps.clock.now(), { links }), 200);
  });

  /** A rep's own messages; a manager's or admin's whole workspace, with one row per sender. */
  app.openapi(overallReport, async (c) => {
    const caller = c.get('caller');
    const { kind } = c.req.valid('param');
    const ws = caller.workspace.id;
    if (caller.user.role === 'rep') {
      return c.json(await buildReport(deps.sql, { workspaceId: ws, scope: 'u', id: caller.user.id }, kind, deps.clock.now()), 200);
    }
    const users = await usersOfWorkspace(deps.sql, ws);
    return c.json(await buildReport(deps.sql, { workspaceId: ws, scope: 'w', id: ws }, kind, deps.clock.now(), { users }), 200);
  });
  return app;
}
