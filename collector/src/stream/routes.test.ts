import { StreamEventSchema } from '@beacon/shared/api/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, startTestCollector, type Account, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';
import { sseReader } from '../../test/support/sse.ts';
import { callerByToken, revokeApiToken, setRole } from '../auth/queries.ts';

describe.each(BACKENDS)('live event stream (%s)', (backend) => {
  const tokenIdOf = async (token: string) => (await callerByToken(t.collector.deps.sql, token))!.tokenId;
  let t: TestCollector;
  let rep: Account;
  let rep2: Account;
  beforeAll(async () => {
    t = await startTestCollector(backend);
    rep = await t.account('rep@example.com', 'rep');
    rep2 = await t.account('rep2@example.com', 'rep');
  });
  afterAll(() => t?.stop());

  const open = async (token: string, base = t.collector.url) => {
    const res = await fetch(`${base}/api/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const sse = sseReader(res);
    await sse.next('ready');
    return sse;
  };

  it("streams the caller's new events as they are written, the first open marked", async () => {
    const mine = await open(rep.token);
    const other = await open(rep2.token);
    const boss = await open(t.admin.token);
    const m = await t.send(rep.token, { subject: 'Proposal', html: '<a href="https://shop.example/x">x</a>' });
    t.clock.advance(60_000);
    await fetch(t.collector.url + t.path(m.pixelUrl!), { headers: { 'user-agent': BROWSER_UA } });
    const first = StreamEventSchema.parse(await mine.next('hit'));
    expect(first).toMatchObject({ messageId: m.id, subject: 'Proposal', kind: 'open', classification: 'human', firstOpen: true, recipient: 'bob@example.com' });
    expect(StreamEventSchema.parse(await boss.next('hit')).id).toBe(first.id);
    await fetch(t.collector.url + t.path(m.links[0]!.trackedUrl!), { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } });
    expect(StreamEventSchema.parse(await mine.next('hit'))).toMatchObject({ kind: 'click', url: 'https://shop.example/x', firstOpen: false });
    await t.flush();
    await new Promise((r) => setTimeout(r, 100));
    expect(other.pending('hit')).toBe(0);
    for (const s of [mine, other, boss]) await s.close();
  });

  /** Resolves with how long the stream took to end (the collector closed it). */
  const endOf = async (sse: ReturnType<typeof sseReader>) => {
    const start = Date.now();
    await expect(sse.next('never', 10_000)).rejects.toThrow('stream ended');
    return Date.now() - start;
  };

  it('ends an open stream within 5 s of its token being revoked', async () => {
    const boss = await t.account('boss@example.com', 'manager');
    const sse = await open(boss.token);
    await revokeApiToken(t.collector.deps.sql, await tokenIdOf(boss.token));
    expect(await endOf(sse)).toBeLessThan(5000);
    expect((await fetch(`${t.collector.url}/api/stream`, { headers: { authorization: `Bearer ${boss.token}` } })).status).toBe(401);
  });

  it("applies a role change to an open stream: a demoted manager stops seeing other reps' events", async () => {
    const boss = await t.account('demoted@example.com', 'manager');
    const sse = await open(boss.token);
    const hit = async (token: string) => {
      const m = await t.send(token, { html: '<p>x</p>' });
      t.clock.advance(60_000);
      await fetch(t.collector.url + t.path(m.pixelUrl!), { headers: { 'user-agent': BROWSER_UA } });
      await t.flush();
      return m.id;
    };
    const before = await hit(rep.token);
    expect(await sse.next('hit')).toMatchObject({ messageId: before });
    await setRole(t.collector.deps.sql, boss.user.id, 'rep');
    await new Promise((r) => setTimeout(r, 5000));
    await hit(rep.token);
    const own = await hit(boss.token);
    expect(await sse.next('hit')).toMatchObject({ messageId: own });
    expect(sse.pending('hit')).toBe(0);
    await sse.close();
  });

  it('refuses a stream without a valid token', async () => {
    expect((await fetch(`${t.collector.url}/api/stream`)).status).toBe(401);
  });

  it.runIf(backend === 'postgres')('fans events out to every collector on the same Postgres', async () => {
    const second = await startTestCollector(backend, { db: t.db, env: { BEACON_INSTANCE_ID: 'second', BEACON_SECRET: t.config.secret! } });
    try {
      const sse = await open(rep.token, second.collector.url);
      const m = await t.send(rep.token, { html: '<p>x</p>' });
      t.clock.advance(60_000);
      await fetch(t.collector.url + t.path(m.pixelUrl!), { headers: { 'user-agent': BROWSER_UA } });
      expect(StreamEventSchema.parse(await sse.next('hit'))).toMatchObject({ messageId: m.id, kind: 'open' });
      await sse.close();
      // A revocation made through one collector ends the token's streams on the others too.
      const gone = await t.account('gone@example.com', 'manager');
      const elsewhere = await open(gone.token, second.collector.url);
      await revokeApiToken(t.collector.deps.sql, await tokenIdOf(gone.token));
      expect(await endOf(elsewhere)).toBeLessThan(5000);
    } finally {
      await second.stop();
    }
  });
});
