import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
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
});
