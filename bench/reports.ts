import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { openDatabase } from '@beacon/collector/src/db/connect.ts';
import type { Sql } from '@beacon/collector/src/db/connect.ts';
import { migrate } from '@beacon/collector/src/db/migrate.ts';
import { usersOfWorkspace } from '@beacon/collector/src/auth/queries.ts';
import type { Hit } from '@beacon/collector/src/ingest/hit.ts';
import { maintain } from '@beacon/collector/src/db/maintenance.ts';
import { createBatchWriter } from '@beacon/collector/src/ingest/3-write-batch.ts';
import { createLogger } from '@beacon/collector/src/log.ts';
import { insertMessage } from '@beacon/collector/src/messages/queries.ts';
import { buildReport } from '@beacon/collector/src/reports/report.ts';
import { makeFixture, type Fixture } from './report-fixture.ts';
import { LOAD_BATCH, loadSetBased, SCANNER_WINDOW_MS, setUpWorkspace } from './report-load.ts';
import { median, type BenchRow } from './table.ts';

/**
 * bench/reports: the global and live reports (one message; the whole workspace as a manager sees it) read from a
 * database holding 10k events and from one holding BENCH_REPORT_EVENTS (default 10M), timed in alternating rounds
 * of one run. Events are loaded with COPY and the rollups built set-based from the writer's own steps; on the 10k
 * set those rollups are checked equal to what the real writer leaves for the same hits in a database of its own.
 *
 * Env: BENCH_DATABASE_URL (else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres);
 * BENCH_REPORT_EVENTS (default 10_000_000); BENCH_REPORT_RUNS per endpoint and size (default 30).
 */
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SMALL = 10_000;
const LARGE = Number(process.env.BENCH_REPORT_EVENTS ?? 10_000_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 30);

interface Loaded {
  sql: Sql;
  fixture: Fixture;
  seconds: number;
}

export async function benchReports(): Promise<BenchRow[]> {
  const { sql: admin } = await openDatabase({ url: ADMIN_URL, dataDir: '', max: 1 });
  const made: string[] = [];
  const open: Sql[] = [];
  const scratch = async (): Promise<Sql> => {
    const name = `beacon_bench_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    made.push(name);
    process.stderr.write(`bench/reports: scratch database ${name}\n`); // to drop by hand if the run is killed
    const { sql } = await openDatabase({ url: Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString(), dataDir: '', max: 4 });
    open.push(sql);
    await migrate(sql);
    return sql;
  };
  try {
    const small = makeFixture(SMALL, 1);
    const smallHits = [...small.hits(LOAD_BATCH)];
    const a = await load(await scratch(), small, smallHits);
    const same = await sameAsWriter(a.sql, await scratch(), small, smallHits);
    const b = await load(await scratch(), makeFixture(LARGE, 2));
    const load1 = loadavg()[0]!.toFixed(2);
    const timed = await timeReports(a, b);
    const rows: BenchRow[] = [
      row(`rollups = writer's (${count(SMALL)})`, same.detail, '', '', 'equal', same.equal),
      row(`load ${count(SMALL)} events`, `${a.seconds.toFixed(1)} s`, '', '', '', null),
      row(`load ${count(LARGE)} events`, `${b.seconds.toFixed(1)} s (${Math.round(LARGE / b.seconds).toLocaleString('en')}/s)`, '', '', '', null),
    ];
    for (const t of timed) {
      const ratio = t.large / t.small;
      rows.push(row(`${t.name} @${count(LARGE)} vs @${count(SMALL)}`, ms(t.large), ms(t.small), `${ratio.toFixed(2)}x`, '<= 2x', ratio <= 2));
    }
    rows.push(row('load average (1 min) while timing', load1, '', '', '', null));
    return rows;
  } finally {
    for (const sql of open) await sql.end({ timeout: 5 });
    for (const name of made) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

async function load(sql: Sql, fixture: Fixture, hits?: Hit[][]): Promise<Loaded> {
  const start = performance.now();
  await setUpWorkspace(sql, fixture);
  await loadSetBased(sql, fixture, hits ?? fixture.hits(LOAD_BATCH));
  return { sql, fixture, seconds: (performance.now() - start) / 1000 };
}

/** The same hits through the collector's real writer (500 a batch, as under load), then `maintain()`; compared row by row. */
async function sameAsWriter(loaded: Sql, sql: Sql, f: Fixture, batches: Hit[][]): Promise<{ equal: boolean; detail: string }> {
  await setUpWorkspace(sql, f);
  for (const m of f.messages) {
    await insertMessage(sql, {
      id: m.id,
      workspaceId: f.workspaceId,
      userId: m.userId,
      subject: `Bench ${m.id.slice(0, 8)}`,
      recipients: m.recipients,
      source: 'bench',
      trackOpens: true,
      trackClicks: true,
      links: m.links as never,
      html: '',
      senderIp: m.senderIp,
      senderUa: m.senderUa,
      sentAt: new Date(m.sentAt),
    });
  }
  const write = createBatchWriter({ sql, classify: { scannerWindowMs: SCANNER_WINDOW_MS }, useNotify: false, origin: 'bench', publish: () => {} });
  const hits = batches.flat();
  for (let i = 0; i < hits.length; i += 500) await write(hits.slice(i, i + 500));
  await maintain(sql, f.now, 3650, createLogger('silent'));
  let rows = 0;
  for (const table of ['rollups', 'rollup_minutes', 'rollup_hours', 'uniques', 'suppressions', 'events']) {
    const dump = async (s: Sql) => (await s.unsafe(`select t::text as r from ${table} t order by 1`)).map((r) => r.r as string);
    const [mine, theirs] = [await dump(loaded), await dump(sql)];
    if (mine.join('\n') !== theirs.join('\n')) return { equal: false, detail: `${table} differ (${mine.length} vs ${theirs.length} rows)` };
    if (table === 'rollups') rows = mine.length;
  }
  return { equal: true, detail: `${rows} rollup rows equal` };
}

interface Endpoint {
  name: string;
  run(l: Loaded): Promise<unknown>;
}

const ENDPOINTS: Endpoint[] = (['global', 'live'] as const).flatMap((kind) => [
  {
    name: `${kind} report, one message`,
    run: (l: Loaded) => {
      const m = l.fixture.busiest;
      const links = m.links.map((x) => x.url);
      return buildReport(l.sql, { workspaceId: l.fixture.workspaceId, scope: 'm', id: m.id }, kind, l.fixture.now, { links });
    },
  },
  {
    name: `${kind} report, workspace (manager)`,
    run: async (l: Loaded) => {
      const ws = l.fixture.workspaceId;
      const users = await usersOfWorkspace(l.sql, ws);
      return buildReport(l.sql, { workspaceId: ws, scope: 'w', id: ws }, kind, l.fixture.now, { users });
    },
  },
]);

/** Median wall time of each endpoint on each database, measured in alternating blocks so a busy spell hits both. */
async function timeReports(a: Loaded, b: Loaded): Promise<{ name: string; small: number; large: number }[]> {
  const out = [];
  for (const e of ENDPOINTS) {
    for (let i = 0; i < 5; i++) await Promise.all([e.run(a), e.run(b)]);
    const times: [number[], number[]] = [[], []];
    for (let round = 0; round < RUNS / 5; round++) {
      for (const [i, l] of [a, b].entries()) {
        for (let k = 0; k < 5; k++) {
          const start = performance.now();
          await e.run(l);
          times[i]!.push(performance.now() - start);
        }
      }
    }
    out.push({ name: e.name, small: median(times[0]), large: median(times[1]) });
  }
  return out;
}

const row = (metric: string, value: string, baseline: string, ratio: string, target: string, pass: boolean | null): BenchRow => ({
  bench: 'reports',
  metric,
  value,
  baseline,
  ratio,
  target,
  pass,
});
const ms = (t: number) => `${t.toFixed(2)} ms`;
const count = (n: number) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));
