import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { openDatabase, type Database } from './connect.ts';
import { migrate } from './migrate.ts';

describe.each(BACKENDS)('migrations (%s)', (backend) => {
  let tdb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase(backend);
    db = await openDatabase({ url: tdb.url, dataDir: tdb.dataDir, max: 2 });
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  it('applies each file once, in order, and only what is new on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-migrations-'));
    try {
      writeFileSync(join(dir, '00001_init.sql'), 'create table a (x int);');
      expect(await migrate(db.sql, { dir })).toEqual(['00001_init.sql']);
      writeFileSync(join(dir, '00002_b.sql'), 'create table b (x int);');
      expect(await migrate(db.sql, { dir })).toEqual(['00002_b.sql']);
      expect(await migrate(db.sql, { dir })).toEqual([]);
      // Append-only: a database that applied another 00002 is not taken for one that applied this one.
      rmSync(join(dir, '00002_b.sql'));
      writeFileSync(join(dir, '00002_c.sql'), 'create table c (x int);');
      await expect(migrate(db.sql, { dir })).rejects.toThrow(/00002_b\.sql.*create a new database/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
