import type { Sql } from './connect.ts';
import { ensureEventPartitions } from './partitions.ts';
import type { Logger } from '../log.ts';
import { pruneRollups } from '../rollups/write.ts';
import { DAY } from '../rollups/time.ts';

const KEY_DAYS = 30;

/**
 * Housekeeping, run at start and then periodically by every collector (each step is idempotent):
 * event partitions ahead of time, short-lived counters pruned, mirror copies past retention cleared, idempotency
 * keys past any client's retries forgotten.
 */
export async function maintain(sql: Sql, now: number, retentionDays: number, log: Logger): Promise<void> {
  await ensureEventPartitions(sql, now, log);
  await pruneRollups(sql, now);
  await sql`update messages set html = null where html is not null and sent_at < ${new Date(now - retentionDays * DAY)}`;
  await sql`delete from message_keys where created_at < now() - make_interval(days => ${KEY_DAYS})`; // stamped by the database
}
