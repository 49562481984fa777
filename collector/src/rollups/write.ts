import type { Db } from '../db/connect.ts';
import { packArrays, type ArrayGrain } from './count-arrays.ts';
import type { Scope } from './metrics.ts';
import { sentRows, type RollupRow } from './tally.ts';
import { DAY, HOUR } from './time.ts';

/**
 * Adds the rows to the counters: minute and hour rows to their arrays (`rollup_minutes`, `rollup_hours`), the rest
 * to `rollups`.
 */
export async function upsertRollups(sql: Db, all: RollupRow[]): Promise<void> {
  const minutes = packArrays(all, 'minute');
  const hours = packArrays(all, 'hour');
  if (minutes.length > 0) {
    await sql`
      insert into rollup_minutes (workspace_id, scope, scope_id, metric, hour, n)
      select workspace_id, scope, scope_id, metric, at, n from json_to_recordset(${JSON.stringify(minutes)}::text::json)
        as x(workspace_id uuid, scope text, scope_id uuid, metric text, at timestamptz, n bigint[])
      on conflict (workspace_id, scope, scope_id, metric, hour) do update set n = add_counts(rollup_minutes.n, excluded.n)`;
  }
  if (hours.length > 0) {
    await sql`
      insert into rollup_hours (workspace_id, scope, scope_id, metric, day, dim, n)
      select workspace_id, scope, scope_id, metric, at, dim, n from json_to_recordset(${JSON.stringify(hours)}::text::json)
        as x(workspace_id uuid, scope text, scope_id uuid, metric text, at timestamptz, dim text, n bigint[])
      on conflict (workspace_id, scope, scope_id, metric, day, dim) do update set n = add_counts(rollup_hours.n, excluded.n)`;
  }
  const rows = all.filter((r) => r.grain === 'day' || r.grain === 'total');
  if (rows.length === 0) return;
  // As metrics.ts's combine(): extremes by least/greatest, counts by a sum.
  await sql`
    insert into rollups (workspace_id, scope, scope_id, grain, bucket, metric, dim, n)
    select * from json_to_recordset(${JSON.stringify(rows)}::text::json) as x(workspace_id uuid, scope text, scope_id uuid,
      grain text, bucket timestamptz, metric text, dim text, n bigint)
    on conflict (workspace_id, scope, scope_id, grain, bucket, metric, dim) do update set n = case excluded.metric
      when 'first' then least(rollups.n, excluded.n)
      when 'first_sent' then least(rollups.n, excluded.n)
      when 'first_open' then least(rollups.n, excluded.n)
      when 'last' then greatest(rollups.n, excluded.n)
      when 'last_open' then greatest(rollups.n, excluded.n)
      else rollups.n + excluded.n end`;
}

/** A registered message: what it adds to `sent` (its recipients) and `first_sent`, with the message row. */
export interface SentMessage {
  workspaceId: string;
  userId: string;
  id: string;
  sentAt: number;
  recipients: number;
}

export function addSent(sql: Db, m: SentMessage): Promise<void> {
  return upsertRollups(sql, sentRows(m.workspaceId, m.userId, m.id, m.sentAt, m.recipients));
}

/**
 * A withdrawn registration (never sent): its `sent` taken back out of the workspace's and sender's counters, its own
 * counters deleted, `first_sent` recomputed. What its events added to the workspace and sender stays: events outlive
 * messages. Run in the transaction that deletes the message.
 */
export async function withdrawSent(sql: Db, m: SentMessage): Promise<void> {
  const sent = sentRows(m.workspaceId, m.userId, m.id, m.sentAt, m.recipients).filter((r) => r.metric === 'sent' && r.scope !== 'm');
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
  for (const table of ['rollups', 'rollup_minutes', 'rollup_hours'] as const) {
    await sql`delete from ${sql(table)} where workspace_id = ${m.workspaceId} and scope = 'm' and scope_id = ${m.id}`;
  }
  await refreshFirstSent(sql, m.workspaceId, m.userId);
}

/** first_sent is a minimum, so it is recomputed from the messages left (both indexed by time) rather than subtracted. */
async function refreshFirstSent(sql: Db, workspaceId: string, userId: string): Promise<void> {
  const [first] = await sql<{ w: string | null; u: string | null }[]>`
    select (select (extract(epoch from min(sent_at)) * 1000)::bigint from messages where workspace_id = ${workspaceId}) as w,
      (select (extract(epoch from min(sent_at)) * 1000)::bigint from messages
        where workspace_id = ${workspaceId} and user_id = ${userId}) as u`;
  const scopes: [Scope, string, string | null | undefined][] = [
    ['w', workspaceId, first?.w],
    ['u', userId, first?.u],
  ];
  for (const [scope, scopeId, ms] of scopes) {
    const row = sql`workspace_id = ${workspaceId} and scope = ${scope} and scope_id = ${scopeId} and grain = 'total'
      and bucket = 'epoch' and metric = 'first_sent' and dim = ''`;
    if (ms == null) await sql`delete from rollups where ${row}`;
    else await sql`update rollups set n = ${ms} where ${row}`;
  }
}

/** Short-lived counters past any report's window: minutes of hours that ended over 2 days ago, hours of days over 8. */
export async function pruneRollups(sql: Db, now: number): Promise<void> {
  await sql`delete from rollup_minutes where hour < ${new Date(now - 2 * DAY - HOUR)}`;
  await sql`delete from rollup_hours where day < ${new Date(now - 9 * DAY)}`;
}
