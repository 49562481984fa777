import { randomUUID } from 'node:crypto';
import { ReportSchema, type Report } from '@beacon/shared/api/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolationCast, startTestCollector, type Account, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';
import type { Hit } from '../ingest/hit.ts';
import { createBatchWriter } from '../ingest/3-write-batch.ts';

const GMAIL_PROXY = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

describe.each(BACKENDS)('reports (%s)', (backend) => {
  let t: TestCollector;
  let rep: Account;
  let rep2: Account;
  let manager: Account;
  let outsider: Account;
  let a: Awaited<ReturnType<TestCollector['send']>>;
  let b: Awaited<ReturnType<TestCollector['send']>>;
  const start = Date.UTC(2030, 5, 1, 9, 0, 0);

  const report = async (path: string, token: string): Promise<Report> => {
    const res = await t.request(path, { token });
    expect(res.status).toBe(200);
    return ReportSchema.parse(await res.json());
  };

  beforeAll(async () => {
    t = await startTestCollector(backend, { start });
    ({ rep, rep2, manager, outsider } = await isolationCast(t));
    const html = '<a href="https://shop.example/a">A</a> <a href="https://shop.example/b">B</a> <a href="{{unsubscribe_url}}">u</a>';
    a = await t.send(rep.token, { html, recipients: [{ email: 'ann@client.example' }] });
    b = await t.send(rep.token, { html, recipients: [{ email: 'b1@client.example' }, { email: 'b2@client.example' }] });
    await t.send(rep2.token, { html: '<p>other rep</p>' });
    t.clock.advance(5 * 60_000);
    const pixel = t.path(a.pixelUrl!);
    await t.request(pixel); // Chrome on Windows
    await t.request(pixel, { ua: SAFARI });
    await t.request(pixel, { ua: GMAIL_PROXY, ip: '66.249.84.1' });
    await t.request(pixel, { ua: 'Mozilla/5.0' });
    await t.request(pixel, { ua: 'curl/8.5' });
    t.clock.advance(60_000);
    await t.request(t.path(a.links[0]!.trackedUrl!));
    await t.request(t.path(a.links[0]!.trackedUrl!));
    await t.request(t.path(a.links[1]!.trackedUrl!), { method: 'HEAD' });
    await t.request(t.path(b.links[1]!.trackedUrl!), { ip: '192.0.2.44' }); // B: a click before any open
    await t.request(t.path(a.unsubscribeUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    await t.flush();
  });
  afterAll(() => t?.stop());

  it("reports a message's opens, clicks, links, clients and exclusions", async () => {
    for (const kind of ['live', 'global'] as const) {
      const r = await report(`/api/messages/${a.id}/reports/${kind}`, rep.token);
      expect(r).toMatchObject({
        scope: kind,
        sent: 1,
        opens: { total: 3, unique: 1 },
        clicks: { total: 2, unique: 1 },
        unsubscribes: 1,
        rates: { open: 1, click: 1, clickToOpen: 1 },
        excluded: { bot: 1, 'prefetch:apple-mpp': 1, 'scanner:head': 1 },
      });
      expect(r.links).toEqual([
        { url: 'https://shop.example/a', type: 'tracked', clicks: 2, uniqueClicks: 1 },
        { url: 'https://shop.example/b', type: 'tracked', clicks: 0, uniqueClicks: 0 },
        { url: '{{unsubscribe_url}}', type: 'unsubscribe', clicks: 0, uniqueClicks: 0 },
      ]);
      expect(r.clients.map((c) => c.name).sort()).toEqual(['Chrome', 'Gmail', 'Safari']);
      expect(r.series.reduce((n, p) => n + p.opens, 0)).toBe(3);
      expect(r.series.reduce((n, p) => n + p.clicks, 0)).toBe(2);
      expect(r.lastActivityAt).not.toBeNull();
      expect(r.users).toBeUndefined();
    }
    const live = await report(`/api/messages/${a.id}/reports/live`, rep.token);
    expect(live.bucket).toBe('minute');
    expect(live.series).toHaveLength(1440);
    const global = await report(`/api/messages/${a.id}/reports/global`, rep.token);
    expect(global.bucket).toBe('hour');
    expect(global.window.from).toBe(new Date(start).toISOString());
  });

  it('counts a click as an open when the message had none', async () => {
    const r = await report(`/api/messages/${b.id}/reports/global`, rep.token);
    expect(r).toMatchObject({ sent: 2, opens: { total: 1, unique: 1 }, clicks: { total: 1, unique: 1 } });
    expect(r.rates).toEqual({ open: 0.5, click: 0.5, clickToOpen: 1 });
  });

  it("gives a rep their own totals, and a manager the workspace's with one row per sender", async () => {
    const mine = await report('/api/reports/global', rep.token);
    expect(mine).toMatchObject({ sent: 3, opens: { total: 4, unique: 2 }, clicks: { total: 3, unique: 2 }, unsubscribes: 1 });
    expect(mine.users).toBeUndefined();
    const theirs = await report('/api/reports/global', rep2.token);
    expect(theirs).toMatchObject({ sent: 1, opens: { total: 0, unique: 0 }, clicks: { total: 0, unique: 0 } });
    for (const kind of ['live', 'global']) {
      const all = await report(`/api/reports/${kind}`, manager.token);
      expect(all).toMatchObject({ sent: 4, opens: { total: 4, unique: 2 }, clicks: { total: 3, unique: 2 } });
      const row = (email: string) => all.users!.find((u) => u.email === email);
      expect(row('rep@example.com')).toMatchObject({ sent: 3, opens: { total: 4, unique: 2 }, unsubscribes: 1 });
      expect(row('rep2@example.com')).toMatchObject({ sent: 1, opens: { total: 0, unique: 0 } });
      expect(row('boss@example.com')).toMatchObject({ sent: 0 });
    }
    const other = await report('/api/reports/global', outsider.token);
    expect(other).toMatchObject({ sent: 0, opens: { total: 0 }, clicks: { total: 0 }, users: [{ email: 'x@other.example', sent: 0 }] });
  });

  it('counts a replayed batch once', async () => {
    const write = createBatchWriter({ sql: t.collector.deps.sql, classify: { scannerWindowMs: 10_000 }, useNotify: false, origin: 'test', publish: () => {} });
    const hit: Hit = {
      id: randomUUID(),
      at: t.clock.now(),
      ws: rep.workspace.id,
      msg: b.id,
      kind: 'open',
      sent: start,
      method: 'GET',
      ip: '192.0.2.0',
      ua: SAFARI,
    };
    await write([hit, hit]);
    await write([hit]);
    const r = await report(`/api/messages/${b.id}/reports/global`, rep.token);
    expect(r.opens.total).toBe(2);
    const [row] = await t.collector.deps.sql`select count(*)::int as n from events where id = ${hit.id}`;
    expect(row!.n).toBe(1);
  });

  it('moves old activity out of the live window and global to daily buckets after a week', async () => {
    t.clock.advance(8 * 86_400_000);
    const live = await report(`/api/messages/${a.id}/reports/live`, rep.token);
    expect(live).toMatchObject({ opens: { total: 0 }, clicks: { total: 0 }, sent: 0, lastActivityAt: null });
    const global = await report(`/api/messages/${a.id}/reports/global`, rep.token);
    expect(global).toMatchObject({ bucket: 'day', opens: { total: 3 }, clicks: { total: 2 } });
    expect(global.series.map((p) => p.t)).toContain(new Date(Date.UTC(2030, 5, 1)).toISOString());
    expect(global.series.reduce((n, p) => n + p.opens, 0)).toBe(3);
    const bad = await t.request(`/api/messages/${a.id}/reports/weekly`, { token: rep.token });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'validation_failed', field: 'kind' });
  });
});
