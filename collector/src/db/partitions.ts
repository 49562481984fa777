import type { Sql } from './connect.ts';
import type { Logger } from '../log.ts';

const PARTITION_LOCK = 4_207_310_002;

/**
 * Monthly partitions of `events` for this month and the next `ahead` months. A month that the default partition
 * already holds rows for is left to the default partition (attaching it would fail); that is logged, not fatal.
 */
export async function ensureEventPartitions(sql: Sql, now: number, log: Logger, ahead = 2): Promise<string[]> {
  const created: string[] = [];
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${PARTITION_LOCK})`;
    for (let i = 0; i <= ahead; i++) {
      const d = new Date(now);
      const from = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + i, 1));
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
      const name = `events_${from.getUTCFullYear()}_${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
      const [exists] = await tx`select 1 from pg_class where relname = ${name}`;
      if (exists) continue;
      try {
        await tx.savepoint(async (sp) => {
          await sp.unsafe(`create table ${name} partition of events for values from ('${from.toISOString()}') to ('${to.toISOString()}')`);
        });
        created.push(name);
      } catch (e) {
        log.warn(`events partition ${name} not created; its rows stay in events_default`, e);
      }
    }
  });
  return created;
}
