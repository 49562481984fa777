import type { MessageLink } from '@beacon/shared/api/messages';
import type { Db } from '../db/connect.ts';
import type { Caller } from '../auth/queries.ts';
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
