import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';
import { MIGRATIONS_DIR } from '../db/migrate.ts';
import type { Hit } from '../events/hit.ts';
import { uuidv7 } from '../events/uuid7.ts';
import { maintain } from '../events/maintenance.ts';
import { createBatchWriter } from '../events/write-batch.ts';
import { createLogger } from '../log.ts';
import { buildReport } from './report.ts';
import type { ReportScope } from './queries.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const LINKS = ['https://shop.example/a', 'https://shop.example/b', 'https://shop.example/c'];

/**
 * A live report's totals, chart, links, clients and per-sender counts come from hour arrays (running totals a UTC day
 * to a row) and minute arrays (an hour to a row): whatever the time of day, they must equal plain counts of the hits
 * in the window (links, clients and senders: from the window's first hour on).
 */
describe.each(BACKENDS)('live report window (%s)', (backend) => {
  let t: TestCollector;
  let scopes: ReportScope[];
  let sender: { id: string; email: string };
  const start = Date.UTC(2030, 5, 1, 0, 0, 0);
  const hits: Hit[] = [];

  beforeAll(async () => {
    t = await startTestCollector(backend, { start });
    const rep = await t.account('rep@example.com', 'rep');
    sender = { id: rep.user.id, email: 'rep@example.com' };
    const html = LINKS.map((u, i) => `<a href="${u}">${i}</a>`).join(' ');
    const m = await t.send(rep.token, { html, recipients: [{ email: 'ann@client.example' }] });
    scopes = [
      { workspaceId: rep.workspace.id, scope: 'w', id: rep.workspace.id },
      { workspaceId: rep.workspace.id, scope: 'm', id: m.id },
      { workspaceId: rep.workspace.id, scope: 'u', id: rep.user.id },
    ];
    // A click every 37 minutes for 3 days, spread over the links; an open every 53 minutes.
    for (let at = start + 7 * MINUTE, i = 0; at < start + 72 * HOUR; at += 37 * MINUTE, i++) {
      hits.push(hit(at, rep.workspace.id, m.id, 'click', i % LINKS.length));
    }
    for (let at = start + 11 * MINUTE; at < start + 72 * HOUR; at += 53 * MINUTE) hits.push(hit(at, rep.workspace.id, m.id, 'open'));
    hits.sort((a, b) => a.at - b.at);
  });

  /** Writes the hits up to `now` not written yet (a report never sees hits after its own time). */
  let writtenUpTo = 0;
  async function writeUntil(now: number): Promise<void> {
    const write = createBatchWriter({ sql: t.collector.deps.sql, classify: { scannerWindowMs: 10_000 }, useNotify: false, origin: 'test', publish: () => {} });
    const after = hits.findIndex((h) => h.at > now);
    const end = after < 0 ? hits.length : after;
    for (let i = writtenUpTo; i < end; i += 40) await write(hits.slice(i, Math.min(i + 40, end)));
    writtenUpTo = Math.max(writtenUpTo, end);
  }
  afterAll(() => t?.stop());

  it('counts links and clients from the first hour of the window on, at every hour of the day', async () => {
    // Every hour of the third day, at a few minutes past, and the minutes either side of midnight.
    const nows = [];
    for (let h = 0; h < 24; h++) nows.push(start + 48 * HOUR + h * HOUR + 13 * MINUTE);
    nows.push(start + 48 * HOUR - MINUTE, start + 48 * HOUR, start + 48 * HOUR + 30_000, start + 72 * HOUR - 1);
    for (const now of nows.sort((a, b) => a - b)) {
      await writeUntil(now);
      const from = Math.floor((Math.floor(now / MINUTE) * MINUTE - 1439 * MINUTE) / HOUR) * HOUR;
      const inWindow = hits.filter((h) => h.at >= from && h.at <= now);
      for (const s of scopes) {
        const r = await buildReport(t.collector.deps.sql, s, 'live', now, { links: LINKS, users: s.scope === 'w' ? [sender] : undefined });
        const when = `${s.scope} at ${new Date(now).toISOString()}`;
        expect(r.links.map((l) => [l.url, l.clicks]), when).toEqual(
          LINKS.map((url, i) => [url, inWindow.filter((h) => h.kind === 'click' && h.link === i).length]).sort((a, b) => Number(b[1]) - Number(a[1])),
        );
        expect(r.clients, when).toEqual([{ name: 'Safari', opens: inWindow.filter((h) => h.kind === 'open').length }]);
        // Totals, chart and first activity over the minutes of the window itself (minute arrays at its edges).
        const start = Math.floor(now / MINUTE) * MINUTE - 1439 * MINUTE;
        const inMinutes = hits.filter((h) => h.at >= start && h.at <= now);
        const clicks = inMinutes.filter((h) => h.kind === 'click');
        expect(r.clicks.total, when).toBe(clicks.length);
        expect(r.series.length, when).toBe(1440);
        expect(r.series.filter((p) => p.clicks > 0).map((p) => p.t), when).toEqual(clicks.map((h) => new Date(Math.floor(h.at / MINUTE) * MINUTE).toISOString()));
        expect(r.series.reduce((n, p) => n + p.opens, 0), when).toBe(r.opens.total);
        const first = inMinutes[0] ? new Date(Math.floor(inMinutes[0].at / MINUTE) * MINUTE).toISOString() : null;
        expect(r.firstActivityAt, when).toBe(first);
        // Per sender (a manager's view), like the breakdowns: from the window's first hour on.
        if (s.scope === 'w') expect(r.users?.map((u) => [u.email, u.clicks.total]), when).toEqual([[sender.email, inWindow.filter((h) => h.kind === 'click').length]]);
      }
    }
  });

  it('upgrades: daily breakdowns, which nothing reads any more, are neither kept nor left behind', async () => {
    const { sql } = t.collector.deps;
    await writeUntil(Infinity);
    const daily = () => sql`select metric, count(*)::int as n from rollups where grain = 'day' group by 1 order by 1`;
    const byWriter = await daily();
    expect(byWriter.map((r) => r.metric)).toEqual(['clicks', 'opens', 'sent', 'uclicks', 'uopens']);
    const [w] = scopes;
    await sql`insert into rollups (workspace_id, scope, scope_id, grain, bucket, metric, dim, n)
      values (${w!.workspaceId}, 'w', ${w!.id}, 'day', ${new Date(start)}, 'link', ${LINKS[0]!}, 3)`;
    await sql.unsafe(readFileSync(join(MIGRATIONS_DIR, '00009_no_daily_breakdowns.sql'), 'utf8'));
    expect(await daily()).toEqual(byWriter);
  });

  it('upgrades: housekeeping moves the minute and hour rows an older collector still writes into the arrays', async () => {
    const { sql } = t.collector.deps;
    await writeUntil(Infinity);
    const arrays = () => sql`
      select 'm' as t, scope, scope_id, metric, hour as at, '' as dim, n::text from rollup_minutes
      union all select 'h', scope, scope_id, metric, day, dim, n::text from rollup_hours order by 1, 2, 3, 4, 5, 6`;
    const before = await arrays();
    // The same counts again, as rows an older collector adds: every array doubles (running totals too).
    await sql`insert into rollups (workspace_id, scope, scope_id, grain, bucket, metric, dim, n)
      select workspace_id, scope, scope_id, 'minute', hour + (i - 1) * interval '1 minute', metric, '', x
      from rollup_minutes, unnest(n) with ordinality u (x, i) where x <> 0`;
    await sql`insert into rollups (workspace_id, scope, scope_id, grain, bucket, metric, dim, n)
      select workspace_id, scope, scope_id, 'hour', day + (i - 1) * interval '1 hour', metric, dim, x - coalesce(n[i - 1], 0)
      from rollup_hours, unnest(n) with ordinality u (x, i) where x <> coalesce(n[i - 1], 0)`;
    await maintain(sql, start + 72 * HOUR, 90, createLogger('warn'));
    const doubled = (text: string) => `{${text.slice(1, -1).split(',').map((x) => 2 * Number(x)).join(',')}}`;
    const kept = before.filter((r) => (r.t === 'm' ? r.at.getTime() >= start + 24 * HOUR - HOUR : r.at.getTime() >= start - 6 * 86_400_000));
    expect(await arrays()).toEqual(kept.map((r) => ({ ...r, n: doubled(r.n) })));
    expect((await sql`select count(*)::int as n from rollups where grain in ('minute', 'hour')`)[0]!.n).toBe(0);
  });

  it('upgrades: the migration packs hour rows into day arrays', async () => {
    const { sql } = t.collector.deps;
    await writeUntil(Infinity);
    const arrays = () => sql`select scope, scope_id, metric, day, dim, n::text from rollup_hours order by 1, 2, 3, 4, 5`;
    const byWriter = await arrays();
    expect(byWriter.some((r) => r.dim !== '')).toBe(true);
    // What a collector before 00008 left: a row per non-empty hour and dim in rollups (the arrays hold running totals).
    await sql`insert into rollups (workspace_id, scope, scope_id, grain, bucket, metric, dim, n)
      select workspace_id, scope, scope_id, 'hour', day + (i - 1) * interval '1 hour', metric, dim, x - coalesce(n[i - 1], 0)
      from rollup_hours, unnest(n) with ordinality u (x, i) where x <> coalesce(n[i - 1], 0)`;
    await sql`delete from rollup_hours`;
    await sql.unsafe(readFileSync(join(MIGRATIONS_DIR, '00008_hour_arrays.sql'), 'utf8'));
    expect(await arrays()).toEqual(byWriter);
    expect((await sql`select count(*)::int as n from rollups where grain = 'hour'`)[0]!.n).toBe(0);
  });

  it('upgrades: the migration packs minute rows into hour arrays', async () => {
    const { sql } = t.collector.deps;
    await writeUntil(Infinity);
    const arrays = () => sql`select scope, scope_id, metric, hour, n::text from rollup_minutes order by 1, 2, 3, 4`;
    const byWriter = await arrays();
    expect(byWriter.length).toBeGreaterThan(0);
    // What a collector before 00007 left: a row per non-empty minute in rollups.
    await sql`insert into rollups (workspace_id, scope, scope_id, grain, bucket, metric, dim, n)
      select workspace_id, scope, scope_id, 'minute', hour + (i - 1) * interval '1 minute', metric, '', x
      from rollup_minutes, unnest(n) with ordinality u (x, i) where x <> 0`;
    await sql`delete from rollup_minutes`;
    await sql.unsafe(readFileSync(join(MIGRATIONS_DIR, '00007_minute_arrays.sql'), 'utf8'));
    expect(await arrays()).toEqual(byWriter);
    expect((await sql`select count(*)::int as n from rollups where grain = 'minute'`)[0]!.n).toBe(0);
  });
});

function hit(at: number, ws: string, msg: string, kind: 'click' | 'open', link?: number): Hit {
  const h: Hit = { id: uuidv7(at), at, ws, msg, kind, sent: Date.UTC(2030, 5, 1), method: 'GET', ip: '192.0.2.0', ua: SAFARI, ri: 0 };
  if (link !== undefined) {
    h.link = link;
    h.linkType = 'tracked';
  }
  return h;
}
