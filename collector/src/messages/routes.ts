import { randomUUID } from 'node:crypto';
import { IdSchema } from '@beacon/shared/api/common';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  IdempotencyKeySchema,
  MessageListQuerySchema,
  type MessageDetail,
  type MessageList,
  type MessageSummary,
} from '@beacon/shared/api/messages';
import { Hono } from 'hono';
import type { ApiEnv } from '../auth/middleware.ts';
import type { Caller } from '../auth/queries.ts';
import type { AppDeps } from '../deps.ts';
import { fail, parseWith, readJsonBytes } from '../http/errors.ts';
import { clientIp, truncateIp } from '../track/ip.ts';
import { trackingUrls } from '../track/urls.ts';
import { deleteMessage, findMessage, listMessages, messageCounts, withdrawKey, type MessageRow } from './queries.ts';
import { register } from './register.ts';
import { campaignRoutes } from './campaign-routes.ts';
import { setAudienceSize } from './campaign-queries.ts';

export function messageRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const urlsFor = (caller: Caller, id: string, sentAt: number, recipients: number) =>
    trackingUrls(deps.config.publicUrl, deps.signer, {
      workspaceId: caller.workspace.id,
      messageId: id,
      sentAt,
      ...(recipients === 1 ? { recipient: 0 } : {}),
    });

  app.post('/', async (c) => {
    const caller = c.get('caller');
    const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
    if (key !== undefined) parseWith(IdempotencyKeySchema, key, IDEMPOTENCY_KEY_HEADER);
    const body = await readJsonBytes(c);
    const sender = { workspaceId: caller.workspace.id, userId: caller.user.id };
    // Parsing, validation and the rewrite run on the prepare thread: pixels and redirects never wait for them.
    const prepare = (messageId: string, sentAt: number) =>
      deps.preparer.prepare({ body, sender: { workspaceId: sender.workspaceId, email: caller.user.email }, messageId, sentAt });
    const id = randomUUID();
    const sentAt = Math.floor(deps.clock.now() / 1000) * 1000; // whole seconds: the tokens carry them
    const made = await prepare(id, sentAt);
    const { request } = made;
    const reg = await register(deps.sql, sender, made.requestHash, key, {
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
    });
    const answer = reg.replayed ? await prepare(reg.id, reg.sentAt) : made;
    if (request.audienceSize && !reg.replayed) await setAudienceSize(deps.sql, caller.workspace.id, reg.id, request.audienceSize);
    if (reg.replayed) c.header(IDEMPOTENT_REPLAY_HEADER, 'true');
    return c.body(answer.response, 201, { 'Content-Type': 'application/json' });
  });

  // Withdraws a registration whose message was not sent (the sender cancelled, or sent it untracked): owner only.
  app.delete('/by-key/:key', async (c) => {
    const caller = c.get('caller');
    const key = parseWith(IdempotencyKeySchema, c.req.param('key'), 'key');
    await deps.sql.begin((tx) => withdrawKey(tx, caller.workspace.id, caller.user.id, key));
    return c.body(null, 204);
  });

  app.delete('/:id', async (c) => {
    const caller = c.get('caller');
    const id = parseWith(IdSchema, c.req.param('id'), 'id');
    const deleted = await deps.sql.begin((tx) => deleteMessage(tx, caller.workspace.id, caller.user.id, id));
    if (!deleted) fail('not_found', 'no such message');
    return c.body(null, 204);
  });

  app.route('/', campaignRoutes(deps));

  app.get('/', async (c) => {
    const caller = c.get('caller');
    const query = parseWith(MessageListQuerySchema, c.req.query());
    const before = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await listMessages(deps.sql, caller, { limit: query.limit + 1, before, q: query.q });
    const page = rows.slice(0, query.limit);
    const counts = await messageCounts(deps.sql, caller.workspace.id, page.map((r) => r.id));
    const last = page.at(-1);
    const body: MessageList = {
      items: page.map((r) => summary(r, counts.get(r.id))),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
    return c.json(body);
  });

  app.get('/:id', async (c) => {
    const caller = c.get('caller');
    const id = parseWith(IdSchema, c.req.param('id'), 'id');
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
    return c.json(body);
  });
  return app;
}

function summary(r: MessageRow, c: Awaited<ReturnType<typeof messageCounts>> extends Map<string, infer V> ? V | undefined : never): MessageSummary {
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
