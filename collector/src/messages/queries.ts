import type { MessageLink } from '@beacon/shared/api/messages';
import type { Db } from '../db/connect.ts';
import type { Caller } from '../auth/queries.ts';
import type { Metric } from '../rollups/metrics.ts';
import { messageTotals } from '../rollups/read.ts';
import { addSent, withdrawSent } from '../rollups/write.ts';

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
  await addSent(sql, { workspaceId: m.workspaceId, userId: m.userId, id: m.id, sentAt: m.sentAt.getTime(), recipients: m.recipients.length });
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
  await withdrawSent(sql, { workspaceId, userId, id, sentAt: m.sentAt.getTime(), recipients: m.recipients });
  return true;
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

const visible = (sql: Db, caller: Caller) => (caller.user.role === 'rep' ? sql`and m.user_id = ${caller.user.id}` : sql``);

export async function listMessages(sql: Db, caller: Caller, opts: { limit: number; before?: { at: Date; id: string }; q?: string }): Promise<MessageRow[]> {
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

const COUNTED = ['opens', 'uopens', 'clicks', 'uclicks', 'unsubs', 'last', 'last_open'] as const satisfies Metric[];
export type MessageCounts = Record<(typeof COUNTED)[number], number>;

/** All-time counters of these messages, from the rollups (`last`, `last_open`: epoch ms, 0 when none). */
export async function messageCounts(sql: Db, workspaceId: string, ids: string[]): Promise<Map<string, MessageCounts>> {
  const out = new Map<string, MessageCounts>();
  for (const id of ids) out.set(id, { opens: 0, uopens: 0, clicks: 0, uclicks: 0, unsubs: 0, last: 0, last_open: 0 });
  for (const r of await messageTotals(sql, workspaceId, ids, [...COUNTED])) {
    const c = out.get(r.id);
    if (c) c[r.metric as keyof MessageCounts] = r.n;
  }
  return out;
}

export interface MessageFlags {
  id: string;
  sentAt: Date;
  trackOpens: boolean;
  trackClicks: boolean;
}

/** Which of these ids are the caller's to see (a rep's own, a manager's workspace): the others are left out. */
export async function visibleMessages(sql: Db, caller: Caller, ids: string[]): Promise<MessageFlags[]> {
  if (ids.length === 0) return [];
  return sql<MessageFlags[]>`
    select m.id, m.sent_at as "sentAt", m.track_opens as "trackOpens", m.track_clicks as "trackClicks"
    from messages m
    where m.workspace_id = ${caller.workspace.id} and m.id = any(${ids}::uuid[]) ${visible(sql, caller)}`;
}
