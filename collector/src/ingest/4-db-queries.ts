import type { Db, Tx } from '../db/connect.ts';
import type { MessageContext } from './3-classify.ts';
import { encodeCopyRows, type CopyColumn } from './4-db-copy-binary.ts';
import type { UniqueRow } from '../rollups/tally.ts';

export interface EventRow {
  workspace_id: string;
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  message_id: string;
  kind: string;
  link_index: number | null;
  recipient_index: number | null;
  recipient: string | null;
  classification: string;
  reason: string;
  ip: string;
  user_agent: string;
}

export async function messageContexts(sql: Db, ids: string[]): Promise<MessageContext[]> {
  const rows = await sql<(Omit<MessageContext, 'sentAt' | 'links'> & { sentAt: Date; links: { url: string }[] })[]>`
    select workspace_id as "workspaceId", id, user_id as "userId", subject, recipients, links,
      sender_ip as "senderIp", sender_ua as "senderUa", sent_at as "sentAt"
    from messages where id = any(${ids}::uuid[])`;
  return rows.map((r) => ({ ...r, links: r.links.map((l) => l.url), sentAt: r.sentAt.getTime() }));
}

/**
 * Inserts the events; returns the ids that were new (a replayed event is already there and is skipped). The rows
 * travel as one JSON text parameter: cheaper for Postgres to read than jsonb, and one round trip per batch. When
 * the caller knows none can be there yet, the ids are not sent back (a replayed one would still be skipped).
 */
export async function insertEvents(sql: Db, rows: EventRow[], assumeNew = false): Promise<Set<string>> {
  const insert = sql`
    insert into events (workspace_id, id, at, message_id, kind, link_index, recipient_index, recipient, classification,
      reason, ip, user_agent)
    select workspace_id, id, timestamptz 'epoch' + at * interval '1 millisecond', message_id, kind, link_index,
      recipient_index, recipient, classification, reason, ip, user_agent
    from json_to_recordset(${JSON.stringify(rows)}::text::json) as x(workspace_id uuid, id uuid, at bigint,
      message_id uuid, kind text, link_index integer, recipient_index integer, recipient text, classification text,
      reason text, ip text, user_agent text)
    on conflict (workspace_id, id, at) do nothing`;
  if (assumeNew) {
    await insert;
    return new Set(rows.map((r) => r.id));
  }
  const inserted = await sql<{ id: string }[]>`${insert} returning id`;
  return new Set(inserted.map((r) => r.id));
}

const EVENT_COLUMNS = {
  workspace_id: 'uuid',
  id: 'uuid',
  at: 'timestamptz',
  message_id: 'uuid',
  kind: 'text',
  link_index: 'int4',
  recipient_index: 'int4',
  recipient: 'text',
  classification: 'text',
  reason: 'text',
  ip: 'text',
  user_agent: 'text',
} as const satisfies Record<keyof EventRow, CopyColumn>;
const COLUMN_NAMES = Object.keys(EVENT_COLUMNS).join(', ');
const COLUMN_TYPES = Object.values(EVENT_COLUMNS);
// In EVENT_COLUMNS' order.
const eventValues = (r: EventRow) =>
  [r.workspace_id, r.id, r.at, r.message_id, r.kind, r.link_index, r.recipient_index, r.recipient, r.classification, r.reason, r.ip, r.user_agent] as const;

/**
 * The same insert for a Postgres server, by binary COPY. Hits this process appended and has not tried to write
 * before (`assumeNew`) go straight into `events`: that spares the database the staged insert's second pass (with
 * text COPY it was half the CPU a row), and it is what most batches are. Anything else (a retry, a replay at start,
 * or a duplicate after all) is COPYed into a temporary table without the key and inserted from there, so rows
 * already stored are skipped instead of failing the batch. (A refused COPY settles only with the fix in patches/postgres@3.4.9.patch:
 * porsager/postgres#1173.)
 */
export async function copyEvents(tx: Tx, rows: EventRow[], assumeNew = false): Promise<Set<string>> {
  const data = encodeCopyRows(COLUMN_TYPES, rows, eventValues);
  if (assumeNew) {
    try {
      await tx.savepoint((sp) => copyIn(sp, `copy events (${COLUMN_NAMES}) from stdin (format binary)`, data));
      return new Set(rows.map((r) => r.id));
    } catch (e) {
      if ((e as { code?: unknown }).code !== UNIQUE_VIOLATION) throw e;
    }
  }
  // Same column types as events, without its key.
  await tx.unsafe(`create temp table if not exists events_staged (like events) on commit delete rows`);
  await copyIn(tx, `copy events_staged (${COLUMN_NAMES}) from stdin (format binary)`, data);
  const inserted = await tx.unsafe<{ id: string }[]>(`insert into events (${COLUMN_NAMES})
    select ${COLUMN_NAMES} from events_staged
    on conflict (workspace_id, id, at) do nothing
    returning id`);
  return new Set(inserted.map((r) => r.id));
}

const UNIQUE_VIOLATION = '23505';

/** Streams `data` to a `copy ... from stdin`; rejects with the server's error if it refuses the data. */
async function copyIn(tx: Tx, statement: string, data: Buffer): Promise<void> {
  const stream = await tx.unsafe(statement).writable();
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    // The callback gets the error too, possibly before the 'error' event: ignoring it here would commit without the rows.
    stream.end(data, (e?: Error | null) => (e ? reject(e) : resolve()));
  });
}

export async function openedMessages(sql: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await sql<{ id: string }[]>`
    select message_id as id from uniques where kind = 'opened' and message_id = any(${ids}::uuid[])`;
  return new Set(rows.map((r) => r.id));
}

/** Inserts first-time pairs; returns those that were new as `message_id kind recipient_key` keys. */
export async function insertUniques(sql: Db, rows: UniqueRow[]): Promise<UniqueRow[]> {
  if (rows.length === 0) return [];
  return sql<UniqueRow[]>`
    insert into uniques (workspace_id, message_id, kind, recipient_key, at)
    select * from json_to_recordset(${JSON.stringify(rows)}::text::json)
      as x(workspace_id uuid, message_id uuid, kind text, recipient_key text, at timestamptz)
    on conflict do nothing
    returning message_id, kind, recipient_key`;
}

export async function suppress(sql: Db, rows: { workspace_id: string; email: string; at: string; message_id: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into suppressions (workspace_id, email, at, message_id)
    select * from json_to_recordset(${JSON.stringify(rows)}::text::json) as x(workspace_id uuid, email text, at timestamptz, message_id uuid)
    on conflict do nothing`;
}

export async function notify(sql: Db, channel: string, payloads: string[]): Promise<void> {
  for (const p of payloads) await sql`select pg_notify(${channel}, ${p})`;
}
