import { randomUUID } from 'node:crypto';
import { IdSchema } from '@beacon/shared/api/common';
import {
  CreateMessageRequestSchema,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  IdempotencyKeySchema,
  MessageDetailSchema,
  type CreateMessageResponse as CreateMessageResponseBody,
  MessageListQuerySchema,
  MessageListSchema,
  type MessageDetail,
  type MessageList,
  type MessageSummary,
} from '@beacon/shared/api/messages';
import { createRoute, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../auth/middleware.ts';
import type { Caller } from '../auth/queries.ts';
import type { AppDeps } from '../deps.ts';
import { fail, readJsonBytes } from '../http/errors.ts';
import { errors, json, named, openApiRoutes, preparedJson, secured, unparsedJsonBody } from '../http/openapi.ts';
import { clientIp, truncateIp } from '../ingest/1-http-client-ip.ts';
import { trackingUrls } from '../track/urls.ts';
import { deleteMessage, findMessage, listMessages, messageCounts, withdrawKey, type MessageCounts, type MessageRow } from './queries.ts';
import { CreateMessageResponse, idParams, keyParams } from './api.ts';
import { register } from './register.ts';
import { checkScheduledAt, wholeSeconds } from './schedule.ts';
import { campaignRoutes } from './campaign-routes.ts';
import { statusRoutes } from './status-routes.ts';
import { setAudienceSize } from './campaign-queries.ts';

const registration = createRoute({
  method: 'post',
  path: '/',
  summary: 'Register a message about to be sent and get its tracked HTML',
  ...secured,
  request: {
    headers: z.object({
      [IDEMPOTENCY_KEY_HEADER]: IdempotencyKeySchema.optional().describe(
        'A UUID made once per message and sent with every attempt to register it: a repeat from the same user answers ' +
          `with the message the first attempt made (\`${IDEMPOTENT_REPLAY_HEADER}: true\`) instead of registering another`,
      ),
    }),
  },
  responses: {
    201: json(CreateMessageResponse, 'Registered (or, for a repeated Idempotency-Key, registered before)'),
    ...errors(400, 401, 409, 413, 415, 429),
  },
});

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'Messages the caller may see, newest first, with summary counts',
  ...secured,
  request: { query: MessageListQuerySchema },
  responses: { 200: json(named(MessageListSchema, 'MessageList'), 'A page of messages'), ...errors(400, 401, 429) },
});

const detail = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One message',
  ...secured,
  request: { params: idParams },
  responses: { 200: json(named(MessageDetailSchema, 'MessageDetail'), 'The message'), ...errors(400, 401, 404, 429) },
});

const withdraw = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: "Withdraw one of the caller's own registrations (the message was not sent): it goes, and its `sent` count",
  ...secured,
  request: { params: idParams },
  responses: { 204: { description: 'Withdrawn' }, ...errors(400, 401, 404, 429) },
});

const withdrawByKey = createRoute({
  method: 'delete',
  path: '/by-key/{key}',
  summary:
    'Withdraw whatever the caller registered with this Idempotency-Key, even if that request is yet to arrive: ' +
    'for a client that never saw the answer and will not send the message tracked',
  ...secured,
  request: { params: keyParams },
  responses: { 204: { description: 'Nothing is, or will be, registered with this key' }, ...errors(400, 401, 429) },
});

export function messageRoutes(deps: AppDeps) {
  const app = openApiRoutes<ApiEnv>();
  const urlsFor = (caller: Caller, id: string, sentAt: number, recipients: number) =>
    trackingUrls(deps.config.publicUrl, deps.signer, {
      workspaceId: caller.workspace.id,
      messageId: id,
      sentAt,
      ...(recipients === 1 ? { recipient: 0 } : {}),
    });

  // The body is read as bytes, not parsed here: see unparsedJsonBody.
  app.openapi(
    { ...registration, request: { ...registration.request, body: unparsedJsonBody(app, 'CreateMessageRequest', CreateMessageRequestSchema) } },
    async (c) => {
      const caller = c.get('caller');
      const key = c.req.valid('header')[IDEMPOTENCY_KEY_HEADER];
      const body = await readJsonBytes(c);
      const sender = { workspaceId: caller.workspace.id, userId: caller.user.id };
      // Parsing, validation and the rewrite run on the prepare thread: pixels and redirects never wait for them.
      const prepare = (messageId: string, sentAt: number, stored = false) =>
        deps.preparer.prepare({ body, sender: { workspaceId: sender.workspaceId, email: caller.user.email }, messageId, sentAt, stored });
      const id = randomUUID();
      const now = deps.clock.now();
      // Now, or the request's scheduledAt (a scheduled send is sent then): whole seconds, as the tokens carry them.
      const made = await prepare(id, wholeSeconds(now));
      const { request, sentAt } = made;
      const reg = await register(
        deps.sql,
        sender,
        made.requestHash,
        key,
        {
          ...sender,
          id,
          subject: request.subject,
          recipients: request.recipients,
          source: request.source,
          trackOpens: request.trackOpens,
          trackClicks: request.trackClicks,
          links: made.links,
          html: made.html,
          senderIp: truncateIp(clientIp(c, deps.config.trustProxy)),
          senderUa: (c.req.header('user-agent') ?? '').slice(0, 512),
          sentAt: new Date(sentAt),
        },
        () => request.scheduledAt && checkScheduledAt(sentAt, now),
      );
      const answer = reg.replayed ? await prepare(reg.id, reg.sentAt, true) : made;
      if (request.audienceSize && !reg.replayed) await setAudienceSize(deps.sql, caller.workspace.id, reg.id, request.audienceSize);
      if (reg.replayed) c.header(IDEMPOTENT_REPLAY_HEADER, 'true');
      return preparedJson<CreateMessageResponseBody, 201>(c, answer.response, 201);
    },
  );

  // Withdraws a registration whose message was not sent (the sender cancelled, or sent it untracked): owner only.
  app.openapi(withdrawByKey, async (c) => {
    const caller = c.get('caller');
    const { key } = c.req.valid('param');
    await deps.sql.begin((tx) => withdrawKey(tx, caller.workspace.id, caller.user.id, key));
    return c.body(null, 204);
  });

  app.openapi(withdraw, async (c) => {
    const caller = c.get('caller');
    const { id } = c.req.valid('param');
    const deleted = await deps.sql.begin((tx) => deleteMessage(tx, caller.workspace.id, caller.user.id, id));
    if (!deleted) fail('not_found', 'no such message');
    return c.body(null, 204);
  });

  app.route('/', campaignRoutes(deps));
  app.route('/', statusRoutes(deps));

  app.openapi(list, async (c) => {
    const caller = c.get('caller');
    const query = c.req.valid('query');
    const before = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await listMessages(deps.sql, caller, { limit: query.limit + 1, before, q: query.q });
    const page = rows.slice(0, query.limit);
    const counts = await messageCounts(
      deps.sql,
      caller.workspace.id,
      page.map((r) => r.id),
    );
    const last = page.at(-1);
    const body: MessageList = {
      items: page.map((r) => summary(r, counts.get(r.id))),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
    return c.json(body, 200);
  });

  app.openapi(detail, async (c) => {
    const caller = c.get('caller');
    const { id } = c.req.valid('param');
    const row = await findMessage(deps.sql, caller, id);
    if (!row) fail('not_found', 'no such message');
    const counts = await messageCounts(deps.sql, caller.workspace.id, [id]);
    const urls = urlsFor(caller, id, row.sentAt.getTime(), row.recipients.length);
    const body: MessageDetail = {
      ...summary(row, counts.get(id)),
      trackOpens: row.trackOpens,
      trackClicks: row.trackClicks,
      links: row.links,
      mirrorUrl: urls.mirror(),
    };
    return c.json(body, 200);
  });
  return app;
}

function summary(r: MessageRow, c: MessageCounts | undefined): MessageSummary {
  return {
    id: r.id,
    subject: r.subject,
    recipients: r.recipients,
    source: r.source as MessageSummary['source'],
    sentAt: r.sentAt.toISOString(),
    sender: { id: r.userId, email: r.senderEmail ?? '' },
    opens: { total: c?.opens ?? 0, unique: c?.uopens ?? 0 },
    clicks: { total: c?.clicks ?? 0, unique: c?.uclicks ?? 0 },
    unsubscribes: c?.unsubs ?? 0,
    lastActivityAt: c?.last ? new Date(c.last).toISOString() : null,
    trackOpens: r.trackOpens,
  };
}

function encodeCursor(r: MessageRow): string {
  return Buffer.from(JSON.stringify([r.sentAt.toISOString(), r.id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    // Any date JavaScript reads is not one Postgres stores (years 294277 and on, say): a cursor of ours is neither.
    const year = date.getUTCFullYear();
    if (year >= 1970 && year <= 9999 && IdSchema.safeParse(id).success) return { at: date, id };
  } catch {
    // reported below
  }
  fail('validation_failed', 'cursor: not a cursor from this API', 'cursor');
}
