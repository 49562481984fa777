import type { MessageLink } from '@beacon/shared/api/messages';
import type { Db } from '../db/connect.ts';
import type { Caller } from '../auth/queries.ts';
import { packArrays, type ArrayGrain } from '../events/count-arrays.ts';
import { upsertRollups } from '../events/queries.ts';
import { sentRows } from '../events/tally.ts';

export interface NewMessage {
  id: string;
  workspaceId: string;
  userId: string;
  subject: string;
  recipients: { email: string; name?: string }[];
  source: string;
  trackOpens: boolean;
  trackClicks: boolean;
  links: MessageLink[];
  html: string;
  senderIp: string;
  senderUa: string;
  sentAt: Date;
}

/** The message and its `sent` counts, together. */
export async function insertMessage(sql: Db, m: NewMessage): Promise<void> {
  await sql`
    insert into messages (workspace_id, id, user_id, subject, recipients, source, track_opens, track_clicks, links, html,
      sender_ip, sender_ua, sent_at)
    values (${m.workspaceId}, ${m.id}, ${m.userId}, ${m.subject}, ${sql.json(m.recipients)}, ${m.source}, ${m.trackOpens},
      ${m.trackClicks}, ${sql.json(m.links as never)}, ${m.html}, ${m.senderIp}, ${m.senderUa}, ${m.sentAt})`;
  await upsertRollups(sql, sentRows(m.workspaceId, m.userId, m.id, m.sentAt.getTime(), m.recipients.length));
}

export interface KeyClaim {
  workspaceId: string;
  userId: string;
  key: string;
  messageId: string;
  requestHash: string;
}

/** Takes the key for a new message; false when it is taken (waiting for a racing attempt's commit, not a read). */
export async function claimKey(sql: Db, k: KeyClaim): Promise<boolean> {
  const rows = await sql`
    insert into message_keys (workspace_id, user_id, key, message_id, request_hash)
    values (${k.workspaceId}, ${k.userId}, ${k.key}, ${k.messageId}, ${k.requestHash})
    on conflict do nothing returning 1`;
  return rows.length === 1;
}

export interface KeyedMessage {
  requestHash: string | null;
  /** Null when the key was withdrawn, or its message deleted. */
  message: { id: string; sentAt: Date; recipients: number } | null;
}

export async function findKeyed(sql: Db, workspaceId: string, userId: string, key: string): Promise<KeyedMessage | undefined> {
  const [row] = await sql<{ requestHash: string | null; id: string | null; sentAt: Date | null; recipients: number | null }[]>`
    select k.request_hash as "requestHash", m.id, m.sent_at as "sentAt", jsonb_array_length(m.recipients) as recipients
    from message_keys k left join messages m on m.workspace_id = k.workspace_id and m.id = k.message_id
    where k.workspace_id = ${workspaceId} and k.user_id = ${userId} and k.key = ${key}`;
  if (!row) return undefined;
  const message = row.id && row.sentAt ? { id: row.id, sentAt: row.sentAt, recipients: row.recipients ?? 0 } : null;
  return { requestHash: row.requestHash, message };
}

/**
 * Withdraws a key: its message, if any, is deleted; if none arrived yet, the key is taken so a late one registers
 * nothing. Run in a transaction: the insert waits for a racing registration with this key to commit first.
 */
export async function withdrawKey(sql: Db, workspaceId: string, userId: string, key: string): Promise<void> {
  await sql`
    insert into message_keys (workspace_id, user_id, key) values (${workspaceId}, ${userId}, ${key})
    on conflict do nothing`;
  const [row] = await sql<{ messageId: string | null }[]>`
    select message_id as "messageId" from message_keys
    where workspace_id = ${workspaceId} and user_id = ${userId} and key = ${key}`;
  if (row?.messageId) await deleteMessage(sql, workspaceId, userId, row.messageId);
}

/**
 * Deletes a sender's own message and takes its `sent` back out of the workspace's and sender's counters (it was
 * registered, not sent). Its events, and what they added to those counters, stay: events outlive messages.
 * False when the sender has no such message.
 */
export async function deleteMessage(sql: Db, workspaceId: string, userId: string, id: string): Promise<boolean> {
  const [m] = await sql<{ sentAt: Date; recipients: number }[]>`
    delete from messages where workspace_id = ${workspaceId} and id = ${id} and user_id = ${userId}
    returning sent_at as "sentAt", jsonb_array_length(recipients) as recipients`;
  if (!m) return false;
  const sent = sentRows(workspaceId, userId, id, m.sentAt.getTime(), m.recipients).filter((r) => r.metric === 'sent' && r.scope !== 'm');
  // Buckets already pruned (minutes after 2 days, hours after 8) match nothing: no negative rows appear.
  await sql`
    update rollups r set n = r.n - x.n
    from json_to_recordset(${JSON.stringify(sent.filter((r) => r.grain === 'day' || r.grain === 'total'))}::text::json)
      as x(workspace_id uuid, scope text, scope_id uuid, grain text, bucket timestamptz, metric text, dim text, n bigint)
    where r.workspace_id = x.workspace_id and r.scope = x.scope and r.scope_id = x.scope_id and r.grain = x.grain
      and r.bucket = x.bucket and r.metric = x.metric and r.dim = x.dim`;
  const negated = (grain: ArrayGrain) => JSON.stringify(packArrays(sent, grain).map((r) => ({ ...r, n: r.n.map((x) => -x) })));
  await sql`
    update rollup_minutes r set n = add_counts(r.n, x.n)
    from json_to_recordset(${negated('minute')}::text::json) as x(workspace_id uuid, scope text, scope_id uuid, metric text,
      at timestamptz, n bigint[])
    where r.workspace_id = x.workspace_id and r.scope = x.scope and r.scope_id = x.scope_id and r.metric = x.metric and r.hour = x.at`;
  await sql`
    update rollup_hours r set n = add_counts(r.n, x.n)
    from json_to_recordset(${negated('hour')}::text::json) as x(workspace_id uuid, scope text, scope_id uuid, metric text,
      at timestamptz, dim text, n bigint[])
    where r.workspace_id = x.workspace_id and r.scope = x.scope and r.scope_id = x.scope_id and r.metric = x.metric and r.day = x.at
      and r.dim = x.dim`;
  await sql`delete from rollups where workspace_id = ${workspaceId} and scope = 'm' and scope_id = ${id}`;
  await sql`delete from rollup_minutes where workspace_id = ${workspaceId} and scope = 'm' and scope_id = ${id}`;
  await sql`delete from rollup_hours where workspace_id = ${workspaceId} and scope = 'm' and scope_id = ${id}`;
  await refreshFirstSent(sql, workspaceId, userId);
  return true;
}

/** first_sent is a minimum, so it is recomputed from the messages left (both indexed by time) rather than subtracted. */
async function refreshFirstSent(sql: Db, workspaceId: string, userId: string): Promise<void> {
  const [first] = await sql<{ w: string | null; u: string | null }[]>`
    select (select (extract(epoch from min(sent_at)) * 1000)::bigint from messages where workspace_id = ${workspaceId}) as w,
      (select (extract(epoch from min(sent_at)) * 1000)::bigint from messages
        where workspace_id = ${workspaceId} and user_id = ${userId}) as u`;
  for (const [scope, scopeId, ms] of [['w', workspaceId, first?.w], ['u', userId, first?.u]] as const) {
    const row = sql`workspace_id = ${workspaceId} and scope = ${scope} and scope_id = ${scopeId} and grain = 'total'
      and bucket = 'epoch' and metric = 'first_sent' and dim = ''`;
    if (ms == null) await sql`delete from rollups where ${row}`;
    else await sql`update rollups set n = ${ms} where ${row}`;
  }
}

export interface MessageRow {
  id: string;
  subject: string;
  recipients: { email: string; name?: string }[];
  source: string;
  sentAt: Date;
  userId: string;
  senderEmail: string | null;
  trackOpens: boolean;
  trackClicks: boolean;
  links: MessageLink[];
}

const visible = (sql: Db, caller: Caller) =>
  caller.user.role === 'rep' ? sql`and m.user_id = ${caller.user.id}` : sql``;

export async function listMessages(
  sql: Db,
  caller: Caller,
  opts: { limit: number; before?: { at: Date; id: string }; q?: string },
): Promise<MessageRow[]> {
  const q = opts.q ? `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return sql<MessageRow[]>`
    select m.id, m.subject, m.recipients, m.source, m.sent_at as "sentAt", m.user_id as "userId", u.email as "senderEmail",
      m.track_opens as "trackOpens", m.track_clicks as "trackClicks", m.links
    from messages m left join users u on u.id = m.user_id
    where m.workspace_id = ${caller.workspace.id} ${visible(sql, caller)}
      ${opts.before ? sql`and (m.sent_at, m.id) < (${opts.before.at}, ${opts.before.id})` : sql``}
      ${q ? sql`and m.subject ilike ${q}` : sql``}
    order by m.sent_at desc, m.id desc
    limit ${opts.limit}`;
}

export async function findMessage(sql: Db, caller: Caller, id: string): Promise<MessageRow | undefined> {
  const [row] = await sql<MessageRow[]>`
    select m.id, m.subject, m.recipients, m.source, m.sent_at as "sentAt", m.user_id as "userId", u.email as "senderEmail",
      m.track_opens as "trackOpens", m.track_clicks as "trackClicks", m.links
    from messages m left join users u on u.id = m.user_id
    where m.workspace_id = ${caller.workspace.id} and m.id = ${id} ${visible(sql, caller)}`;
  return row;
}

export interface MessageCounts {
  opens: number;
  uopens: number;
  clicks: number;
  uclicks: number;
  unsubs: number;
  last: number | null;
}

/** All-time counters of these messages, from the rollups. */
export async function messageCounts(sql: Db, workspaceId: string, ids: string[]): Promise<Map<string, MessageCounts>> {
  const out = new Map<string, MessageCounts>();
  for (const id of ids) out.set(id, { opens: 0, uopens: 0, clicks: 0, uclicks: 0, unsubs: 0, last: null });
  if (ids.length === 0) return out;
  const rows = await sql<{ id: string; metric: keyof MessageCounts; n: string }[]>`
    select scope_id as id, metric, n from rollups
    where workspace_id = ${workspaceId} and scope = 'm' and scope_id = any(${ids}::uuid[]) and grain = 'total'
      and bucket = 'epoch' and metric in ('opens', 'uopens', 'clicks', 'uclicks', 'unsubs', 'last')`;
  for (const r of rows) {
    const c = out.get(r.id);
    if (c) c[r.metric] = Number(r.n);
  }
  return out;
}
