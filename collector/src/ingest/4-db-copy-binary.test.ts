import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { encodeCopyRows, type CopyColumn, type CopyValue } from './4-db-copy-binary.ts';

const COLUMNS: CopyColumn[] = ['uuid', 'timestamptz', 'int4', 'text'];

// Only a Postgres server takes COPY from a client (the embedded database's writer inserts JSON instead).
describe.runIf(process.env.TEST_DATABASE_URL)('binary COPY rows (Postgres)', () => {
  let db: TestDatabase;
  let sql: postgres.Sql;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    sql = postgres(db.url!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end();
    await db?.drop();
  });

  /** COPYs the rows into a fresh table and reads them back as text, in order. */
  async function roundTrip(rows: CopyValue[][]): Promise<Record<string, string | null>[]> {
    return sql.begin(async (tx) => {
      await tx`create temp table t (n serial, u uuid, at timestamptz, i integer, s text) on commit drop`;
      const stream = await tx`copy t (u, at, i, s) from stdin (format binary)`.writable();
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.end(
          encodeCopyRows(COLUMNS, rows, (r) => r),
          (e?: Error | null) => (e ? reject(e) : resolve()),
        );
      });
      return tx<Record<string, string | null>[]>`
        select u::text, (extract(epoch from at) * 1000)::bigint::text as ms, i::text, s from t order by n`;
    });
  }

  it('stores each value exactly as its text form would', async () => {
    const times = [Date.UTC(2030, 5, 1, 9, 0, 0, 123), Date.UTC(1999, 11, 31, 23, 59, 59, 999), 0, Date.UTC(2000, 0, 1), 2 ** 41 + 7];
    const texts = ['', 'plain', 'tab\there\nnewline \\ backslash \\N', '«ünïcode» 🎉 中文', 'a'.repeat(5000)];
    const ints = [0, -1, 2 ** 31 - 1, -(2 ** 31), 42];
    const uuids = [
      '019ad0c2-5b1e-7c3a-9f00-1234567890ab',
      'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
      '00000000-0000-0000-0000-000000000000',
      crypto.randomUUID(),
      crypto.randomUUID(),
    ];
    const rows = uuids.map((u, i) => [u, times[i]!, ints[i]!, texts[i]!]);
    expect(await roundTrip([...rows, [null, null, null, null]])).toEqual([
      ...rows.map(([u, ms, i, s]) => ({ u: String(u).toLowerCase(), ms: String(ms), i: String(i), s })),
      { u: null, ms: null, i: null, s: null },
    ]);
  });

  it('writes repeated values (copied from the row before, or remembered from earlier batches) the same', async () => {
    const u = ['019ad0c2-5b1e-7c3a-9f00-1234567890ab', '019ad0c2-5b1e-7c3a-9f00-1234567890ac'];
    const rows: CopyValue[][] = [
      [u[0]!, 1, 1, 'agent «a»'],
      [u[0]!, 2, 2, 'agent «a»'],
      [u[1]!, 3, 3, 'agent «a»'],
      [u[0]!, 4, 4, 'b'],
    ];
    const expected = rows.map(([id, ms, i, s]) => ({ u: id, ms: String(ms), i: String(i), s }));
    expect(await roundTrip(rows)).toEqual(expected);
    expect(await roundTrip(rows)).toEqual(expected); // the texts now come from what was remembered
  });

  it('writes text Postgres cannot hold as text COPY would: NUL and lone surrogates become U+FFFD', async () => {
    const [row] = await roundTrip([[null, null, null, 'a\0b \uD800 c\uDFFF']]);
    expect(row!.s).toBe('a\uFFFDb \uFFFD c\uFFFD');
  });

  it('refuses what Postgres would refuse in text form, with its error code, before sending anything', () => {
    const bad: [CopyValue[], string][] = [
      [['not-a-uuid', null, null, null], '22P02'],
      [['019ad0c2-5b1e-7c3a-9f00-1234567890a', null, null, null], '22P02'],
      [['019ad0c2-5b1e-7c3a-9f00-1234567890zz', null, null, null], '22P02'],
      [['019ad0c2x5b1e-7c3a-9f00-1234567890ab', null, null, null], '22P02'],
      [[null, 1.5, null, null], '22007'],
      [[null, 'yesterday', null, null], '22007'],
      [[null, null, 2 ** 31, null], '22003'],
      [[null, null, 0.5, null], '22003'],
    ];
    for (const [row, code] of bad) expect(() => encodeCopyRows(COLUMNS, [row], (r) => r), JSON.stringify(row)).toThrow(expect.objectContaining({ code }));
  });
});
