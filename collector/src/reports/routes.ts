import { IdSchema } from '@beacon/shared/api/common';
import { ReportScopeSchema } from '@beacon/shared/api/reports';
import { Hono } from 'hono';
import type { ApiEnv } from '../auth/middleware.ts';
import { usersOfWorkspace } from '../auth/queries.ts';
import type { AppDeps } from '../deps.ts';
import { fail, parseWith } from '../http/errors.ts';
import { findMessage } from '../messages/queries.ts';
import { linkDim } from './link-dims.ts';
import { buildReport } from './report.ts';

export function reportRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get('/messages/:id/reports/:kind', async (c) => {
    const caller = c.get('caller');
    const id = parseWith(IdSchema, c.req.param('id'), 'id');
    const kind = parseWith(ReportScopeSchema, c.req.param('kind'), 'kind');
    const message = await findMessage(deps.sql, caller, id);
    if (!message) fail('not_found', 'no such message');
    const links = message.links.filter((l) => l.type !== 'never').map((l) => linkDim(l.type, l.url));
    const scope = { workspaceId: caller.workspace.id, scope: 'm' as const, id };
    return c.json(await buildReport(deps.sql, scope, kind, deps.clock.now(), { links }));
  });

  /** A rep's own messages; a manager's or admin's whole workspace, with one row per sender. */
  app.get('/reports/:kind', async (c) => {
    const caller = c.get('caller');
    const kind = parseWith(ReportScopeSchema, c.req.param('kind'), 'kind');
    const ws = caller.workspace.id;
    if (caller.user.role === 'rep') {
      return c.json(await buildReport(deps.sql, { workspaceId: ws, scope: 'u', id: caller.user.id }, kind, deps.clock.now()));
    }
    const users = await usersOfWorkspace(deps.sql, ws);
    return c.json(await buildReport(deps.sql, { workspaceId: ws, scope: 'w', id: ws }, kind, deps.clock.now(), { users }));
  });
  return app;
}
