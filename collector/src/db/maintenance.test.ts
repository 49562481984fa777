import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './connect.ts';
import { migrate } from './migrate.ts';
import { createLogger } from '../log.ts';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { maintain } from './maintenance.ts';

describe.each(BACKENDS)('housekeeping (%s)', (backend) => {
  let tdb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase(backend);
    db = await openDatabase({ url: tdb.url, dataDir: tdb.dataDir, max: 2 });
    await migrate(db.sql);
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  it('forgets idempotency keys after 30 days and keeps younger ones', async () => {
    const ws = randomUUID();
    const user = randomUUID();
    const [old, young] = [randomUUID(), randomUUID()];
    await db.sql`insert into message_keys (workspace_id, user_id, key, created_at) values
      (${ws}, ${user}, ${old}, now() - interval '31 days'), (${ws}, ${user}, ${young}, now() - interval '29 days')`;
    await maintain(db.sql, Date.now(), 90, createLogger('warn'));
    const left = await db.sql<{ key: string }[]>`select key from message_keys where workspace_id = ${ws}`;
    expect(left.map((r) => r.key)).toEqual([young]);
  });

  it('drops minute counters of hours that ended over 2 days ago, and keeps the rest', async () => {
    const ws = randomUUID();
    const now = Date.UTC(2030, 0, 10, 12, 30);
    const hour = (h: number) => new Date(now - 30 * 60_000 - h * 3_600_000);
    const minutes = `{${new Array(60).fill(1).join(',')}}`;
    for (const h of [47, 48, 49, 50]) {
      await db.sql`insert into rollup_minutes (workspace_id, scope, scope_id, metric, hour, n) values (${ws}, 'w', ${ws}, 'opens', ${hour(h)}, ${minutes}::bigint[])`;
    }
    await maintain(db.sql, now, 90, createLogger('warn'));
    const left = await db.sql<{ hour: Date }[]>`select hour from rollup_minutes where workspace_id = ${ws} order by hour desc`;
    // 12:00 two days before ends at 13:00, after now - 2 days (12:30): kept; 11:00 ended at 12:00: dropped.
    expect(left.map((r) => r.hour.toISOString())).toEqual([hour(47), hour(48)].map((d) => d.toISOString()));
  });

  it('drops hour counters of days that ended over 8 days ago, and keeps the rest', async () => {
    const ws = randomUUID();
    const now = Date.UTC(2030, 0, 10, 12, 30);
    const day = (d: number) => new Date(Date.UTC(2030, 0, 10 - d));
    const hours = `{${new Array(24).fill(1).join(',')}}`;
    for (const d of [7, 8, 9]) {
      await db.sql`insert into rollup_hours (workspace_id, scope, scope_id, metric, day, n) values (${ws}, 'w', ${ws}, 'opens', ${day(d)}, ${hours}::bigint[])`;
    }
    await maintain(db.sql, now, 90, createLogger('warn'));
    const left = await db.sql<{ day: Date }[]>`select day from rollup_hours where workspace_id = ${ws}`;
    // 2 January holds hours after now - 8 days (12:30): kept; 1 January ended at midnight, over 8 days ago: dropped.
    expect(left.map((r) => r.day.toISOString()).sort()).toEqual([day(8), day(7)].map((d) => d.toISOString()));
  });
});
