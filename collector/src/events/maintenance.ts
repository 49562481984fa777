import type { Sql } from '../db/connect.ts';
import { ensureEventPartitions } from '../db/partitions.ts';
import type { Logger } from '../log.ts';

const KEY_DAYS = 30;

/**
 * Housekeeping, run at start and then periodically by every collector (each step is idempotent):
 * event partitions ahead of time, stray minute and hour rows moved into their arrays, short-lived counters pruned,
 * mirror copies past retention cleared, idempotency keys past any client's retries forgotten.
 */
export async function maintain(sql: Sql, now: number, retentionDays: number, log: Logger): Promise<void> {
  await ensureEventPartitions(sql, now, log);
  await sql`select fold_stray_rollups()`; // rows a collector from before the count arrays may still write
  await sql`delete from rollup_minutes where hour < ${new Date(now - 2 * 86_400_000 - 3_600_000)}`; // hours that ended over 2 days ago
  await sql`delete from rollup_hours where day < ${new Date(now - 9 * 86_400_000)}`; // days that ended over 8 days ago
  await sql`update messages set html = null where html is not null and sent_at < ${new Date(now - retentionDays * 86_400_000)}`;
  await sql`delete from message_keys where created_at < now() - make_interval(days => ${KEY_DAYS})`; // stamped by the database
}
