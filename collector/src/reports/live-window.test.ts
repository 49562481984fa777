import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';
import type { Hit } from '../ingest/hit.ts';
import { uuidv7 } from '../ingest/1-http-hit-ids.ts';
import { createBatchWriter } from '../ingest/3-write-batch.ts';
import { buildReport } from './report.ts';
import type { RollupScope } from '../rollups/metrics.ts';

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
  let scopes: RollupScope[];
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
        expect(
          r.links.map((l) => [l.url, l.clicks]),
          when,
        ).toEqual(LINKS.map((url, i) => [url, inWindow.filter((h) => h.kind === 'click' && h.link === i).length]).sort((a, b) => Number(b[1]) - Number(a[1])));
        expect(r.clients, when).toEqual([{ name: 'Safari', opens: inWindow.filter((h) => h.kind === 'open').length }]);
        // Totals, chart and first activity over the minutes of the window itself (minute arrays at its edges).
        const start = Math.floor(now / MINUTE) * MINUTE - 1439 * MINUTE;
        const inMinutes = hits.filter((h) => h.at >= start && h.at <= now);
        const clicks = inMinutes.filter((h) => h.kind === 'click');
        expect(r.clicks.total, when).toBe(clicks.length);
        expect(r.series.length, when).toBe(1440);
        expect(
          r.series.filter((p) => p.clicks > 0).map((p) => p.t),
          when,
        ).toEqual(clicks.map((h) => new Date(Math.floor(h.at / MINUTE) * MINUTE).toISOString()));
        expect(
          r.series.reduce((n, p) => n + p.opens, 0),
          when,
        ).toBe(r.opens.total);
        const first = inMinutes[0] ? new Date(Math.floor(inMinutes[0].at / MINUTE) * MINUTE).toISOString() : null;
        expect(r.firstActivityAt, when).toBe(first);
        // Per sender (a manager's view), like the breakdowns: from the window's first hour on.
        if (s.scope === 'w')
          expect(
            r.users?.map((u) => [u.email, u.clicks.total]),
            when,
          ).toEqual([[sender.email, inWindow.filter((h) => h.kind === 'click').length]]);
      }
    }
  });

  it('keeps daily rows of the series only: no report reads breakdowns by day', async () => {
    const { sql } = t.collector.deps;
    await writeUntil(Infinity);
    const daily = await sql`select metric, count(*)::int as n from rollups where grain = 'day' group by 1 order by 1`;
    expect(daily.map((r) => r.metric)).toEqual(['clicks', 'opens', 'sent', 'uclicks', 'uopens']);
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
