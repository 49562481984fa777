import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, startTestCollector, type Account, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';
import type { Hit } from './hit.ts';
import { createBatchWriter } from './3-write-batch.ts';

const ODD_UA = `${BROWSER_UA} tab\there, newline\nhere, \\ backslash, \r return, «ünïcode» and \\N`;

describe.each(BACKENDS)('the batch writer (%s)', (backend) => {
  let t: TestCollector;
  let rep: Account;
  let messageId: string;
  const start = Date.UTC(2030, 5, 1, 9, 0, 0);

  beforeAll(async () => {
    t = await startTestCollector(backend, { start });
    rep = await t.account('rep@example.com', 'rep');
    messageId = (await t.send(rep.token, { html: '<p>hello</p>', recipients: [{ email: 'ann@client.example' }] })).id;
    t.clock.advance(60_000);
  });
  afterAll(() => t?.stop());

  // Through COPY on a Postgres server, as the collector writes there.
  const write = (batch: Hit[], assumeNew: boolean) =>
    createBatchWriter({
      sql: t.collector.deps.sql,
      classify: { scannerWindowMs: 10_000 },
      useNotify: false,
      useCopy: backend === 'postgres',
      origin: 'test',
      publish: () => {},
    })(batch, assumeNew);
  const hits = (n: number, ua: string): Hit[] =>
    Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      at: t.clock.now() + i,
      ws: rep.workspace.id,
      msg: messageId,
      kind: 'open',
      sent: start,
      method: 'GET',
      ip: '192.0.2.0',
      ua,
      ri: 0,
    }));
  const stored = async (ids: string[]) => {
    const rows = await t.collector.deps.sql<{ id: string; user_agent: string }[]>`select id, user_agent from events where id = any(${ids}::uuid[])`;
    return rows;
  };
  const opens = async () => {
    const [row] = await t.collector.deps.sql<{ n: string }[]>`
      select coalesce(sum(n), 0) as n from rollups where scope = 'm' and scope_id = ${messageId} and grain = 'total' and metric = 'opens'`;
    return Number(row!.n);
  };

  it('stores new events byte for byte, tabs, newlines and backslashes too, and counts them once', async () => {
    const batch = hits(50, ODD_UA);
    const before = await opens();
    await write(batch, true);
    const rows = await stored(batch.map((h) => h.id));
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.user_agent))).toEqual(new Set([ODD_UA]));
    expect(await opens()).toBe(before + 50);
    await write(batch, false); // a replay: already there, counts nothing
    expect(await opens()).toBe(before + 50);
  });

  // Hits assumed new are COPYed straight into events; one already stored makes Postgres refuse that COPY, and the
  // batch must then go through the staged insert instead (without the postgres.js patch, the refused COPY hangs).
  it.runIf(backend === 'postgres')('writes a batch wrongly assumed new whole, the stored hit skipped and counted once', async () => {
    const old = hits(1, BROWSER_UA);
    await write(old, true);
    const before = await opens();
    const batch = [...hits(10, BROWSER_UA), ...old];
    await write(batch, true);
    expect(await stored(batch.map((h) => h.id))).toHaveLength(11);
    expect(await opens()).toBe(before + 10);
    await write(hits(3, BROWSER_UA), true); // and the connection is still good for the next batch
    expect(await opens()).toBe(before + 13);
  });

  // The writer splits a batch refused for its data (SQLSTATE class 22 or 23) and sets the bad hit aside.
  it('refuses a hit whose id is not a uuid (a damaged spool line) as a data error, and writes nothing of its batch', async () => {
    const batch = hits(3, BROWSER_UA);
    batch[1]!.id = 'not-a-uuid';
    await expect(write(batch, true)).rejects.toMatchObject({ code: '22P02' });
    expect(await stored([batch[0]!.id, batch[2]!.id])).toHaveLength(0);
    await write([batch[0]!, batch[2]!], true);
    expect(await stored([batch[0]!.id, batch[2]!.id])).toHaveLength(2);
  });

  it('counts only the new hits of a batch retried after part of it was written', async () => {
    const old = hits(20, BROWSER_UA);
    await write(old, true);
    const before = await opens();
    const retried = [...old, ...hits(5, BROWSER_UA)];
    await write(retried, false);
    expect(await opens()).toBe(before + 5);
    expect(await stored(retried.map((h) => h.id))).toHaveLength(25);
  });
});
