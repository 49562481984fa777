import { MessageStatusListSchema, MessageStatusRequestSchema, type MessageStatus, type MessageStatusList } from '@beacon/shared/api/message-status';
import { createRoute } from '@hono/zod-openapi';
import type { ApiEnv } from '../auth/middleware.ts';
import type { AppDeps } from '../deps.ts';
import { errors, json, named, openApiRoutes, secured } from '../http/openapi.ts';
import { TOKEN_KINDS } from '../track/token.ts';
import { messageCounts, visibleMessages } from './queries.ts';

const status = createRoute({
  method: 'post',
  path: '/status',
  summary: "Read marks for a page of the mailbox: each message's sent time, opens, clicks, last activity and last open",
  description:
    'Messages are named by the tokens of their rendered body (the pixel, a tracked link) or by id. Forged tokens, ' +
    'unknown ids and messages the caller may not see are left out of the answer, alike, so it tells nothing of them.',
  ...secured,
  request: { body: { required: true, content: { 'application/json': { schema: named(MessageStatusRequestSchema, 'MessageStatusRequest') } } } },
  responses: {
    200: json(named(MessageStatusListSchema, 'MessageStatusList'), 'The visible messages among those asked for'),
    ...errors(400, 401, 413, 415, 429),
  },
});

/** One request per page of the mailbox: the extension's marks (issue 22). */
export function statusRoutes(deps: AppDeps) {
  const app = openApiRoutes<ApiEnv>();
  app.openapi(status, async (c) => {
    const caller = c.get('caller');
    const { tokens, ids } = c.req.valid('json');
    const byToken = new Map<string, string>();
    for (const token of new Set(tokens)) {
      const t = deps.signer.verify(token, TOKEN_KINDS);
      // Another workspace's genuine token is as good as forged here.
      if (t && t.workspaceId === caller.workspace.id) byToken.set(token, t.messageId);
    }
    const wanted = [...new Set([...ids, ...byToken.values()])];
    const rows = await visibleMessages(deps.sql, caller, wanted);
    const counts = await messageCounts(
      deps.sql,
      caller.workspace.id,
      rows.map((r) => r.id),
    );
    const messages = rows.map((r): MessageStatus => {
      const n = counts.get(r.id);
      return {
        id: r.id,
        sentAt: r.sentAt.toISOString(),
        trackOpens: r.trackOpens,
        trackClicks: r.trackClicks,
        opens: n?.opens ?? 0,
        clicks: n?.clicks ?? 0,
        lastActivityAt: n?.last ? new Date(n.last).toISOString() : null,
        lastOpenAt: n?.last_open ? new Date(n.last_open).toISOString() : null,
      };
    });
    const shown = new Set(rows.map((r) => r.id));
    const body: MessageStatusList = {
      messages,
      tokens: Object.fromEntries([...byToken].filter(([, id]) => shown.has(id))),
    };
    return c.json(body, 200);
  });
  return app;
}
