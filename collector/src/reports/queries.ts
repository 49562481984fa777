import type { Db } from '../db/connect.ts';
import type { Grain } from '../events/tally.ts';

/** Whose counters a report reads: the workspace ('w'), a sender ('u') or a message ('m'). */
export interface ReportScope {
  workspaceId: string;
  scope: 'w' | 'u' | 'm';
  id: string;
}

export interface MetricRow {
  metric: string;
  dim: string;
  n: number;
}

/** Buckets of one grain in [from, to) (to null: open-ended); `minus`: subtracted from the sum instead of added. */
export interface Range {
  grain: Exclude<Grain, 'minute'>;
  from: Date;
  to: Date | null;
  minus?: boolean;
}

/** What the chart shows; a live report's first active minute also counts unsubscribes and mirror views. */
const CHART = ['opens', 'clicks'];
const ACTIVITY = ['opens', 'clicks', 'unsubs', 'mirrors'];
const SENDER_COUNTS = ['sent', 'opens', 'uopens', 'clicks', 'uclicks', 'unsubs'];
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Counters summed over buckets from `from` on (grain `total`: the all-time counters). */
export async function sums(sql: Db, s: ReportScope, grain: Grain, from: Date, metrics: string[]): Promise<MetricRow[]> {
  const rows = await sql<{ metric: string; dim: string; n: string }[]>`
    select metric, dim collate "C" as dim, sum(n)::text as n from rollups
    where workspace_id = ${s.workspaceId} and scope = ${s.scope} and scope_id = ${s.id} and grain = ${grain}
      and bucket >= ${from} and metric = any(${metrics}::text[])
    group by 1, 2`;
  return toMetricRows(rows);
}

/**
 * Counters summed over the buckets of several ranges (a live window's breakdowns: day rows less hours). Each range is
 * summed by dim inside the lateral, so the outer sum sees a row per dim and range rather than per bucket (a live
 * workspace's links: thousands of hour rows); dims group as bytes ("C"), far cheaper than the locale's comparison.
 */
export async function rangeSums(sql: Db, s: ReportScope, ranges: Range[], metrics: string[]): Promise<MetricRow[]> {
  const parts = ranges.map(
    (r, i) => sql`${i > 0 ? sql`union all` : sql``} (select dim collate "C" as dim, ${total(sql, r)} as n from rollups where ${ofMetric(sql, s, r)} group by 1)`,
  );
  const rows = await sql<{ metric: string; dim: string; n: string }[]>`
    select m.metric, r.dim, sum(r.n)::text as n from unnest(${metrics}::text[]) m (metric), lateral (${parts}) r
    group by 1, 2`;
  return toMetricRows(rows);
}

/** first_sent, first and last activity (epoch ms). */
export async function extremes(sql: Db, s: ReportScope): Promise<Record<string, number>> {
  const rows = await sql<{ metric: string; n: string }[]>`
    select metric, n::text from rollups
    where workspace_id = ${s.workspaceId} and scope = ${s.scope} and scope_id = ${s.id} and grain = 'total'
      and bucket = 'epoch' and metric in ('first_sent', 'first', 'last') and dim = ''`;
  return Object.fromEntries(rows.map((r) => [r.metric, Number(r.n)]));
}

/** One chart metric's non-empty buckets: epoch ms and counts, index for index. */
export interface SeriesPoints {
  metric: string;
  t: number[];
  n: number[];
}

/**
 * Opens and clicks by hour or day from `from` on (a global report's chart): what the chart shows, and nothing it
 * does not. One row of arrays per metric (epoch ms as a double: exact, and far cheaper than numeric), as thousands
 * of points parse far faster so than as rows.
 */
export async function series(sql: Db, s: ReportScope, grain: 'hour' | 'day', from: Date): Promise<SeriesPoints[]> {
  const rows = await sql<{ metric: string; t: string | null; n: string | null }[]>`
    select m.metric, r.t, r.n from unnest(${CHART}::text[]) m (metric), lateral (
      select array_agg((date_part('epoch', bucket) * 1000)::int8)::text as t, array_agg(n)::text as n from rollups
      where ${ofMetric(sql, s, { grain, from, to: null })} and dim = '') r`;
  return rows.map((r) => ({ metric: r.metric, t: numbers(r.t), n: numbers(r.n) }));
}

/** One hour's minute counters (`rollup_minutes`): n[i] is minute i of the hour starting at `hour` (epoch ms). */
export interface MinuteRow {
  metric: string;
  hour: number;
  n: number[];
}

/**
 * A live window's minute counters: the chart's metrics for every hour from `from` on, and `edges` (other
 * metrics) for the listed hours only: the window's partial first and last hours. Twenty-odd rows a metric,
 * however busy the day was.
 */
export async function minuteRows(sql: Db, s: ReportScope, from: Date, edges: string[], edgeHours: number[]): Promise<MinuteRow[]> {
  const rows = await sql<{ metric: string; hour: string; n: string }[]>`
    select metric, (date_part('epoch', hour) * 1000)::int8::text as hour, n::text from rollup_minutes
    where ${ofScope(sql, s)} and metric = any(${CHART}::text[]) and hour >= ${from}
    union all
    select metric, (date_part('epoch', hour) * 1000)::int8::text, n::text from rollup_minutes
    where ${ofScope(sql, s)} and metric = any(${edges}::text[]) and hour = any(${edgeHours.map((t) => new Date(t).toISOString())}::timestamptz[])`;
  return rows.map(toMinuteRow);
}

/**
 * The first minute from `from` on with any activity (epoch ms). Activity counters only ever grow, so each hour
 * row holds some: the answer is in a metric's first row from `from`'s hour on, or (when that hour's activity was
 * all before `from`) its second.
 */
export async function firstActive(sql: Db, s: ReportScope, from: number): Promise<number | undefined> {
  const rows = await sql<{ metric: string; hour: string; n: string }[]>`
    select r.metric, r.hour, r.n from unnest(${ACTIVITY}::text[]) m (metric), lateral (
      select metric, (date_part('epoch', hour) * 1000)::int8::text as hour, n::text from rollup_minutes
      where ${ofScope(sql, s)} and metric = m.metric and hour >= ${new Date(Math.floor(from / HOUR) * HOUR)}
      order by hour limit 2) r`;
  let first: number | undefined;
  for (const r of rows.map(toMinuteRow)) {
    for (let i = 0; i < r.n.length; i++) {
      const t = r.hour + i * MINUTE;
      if (t >= from && r.n[i]! > 0 && (first === undefined || t < first)) first = t;
    }
  }
  return first;
}

/**
 * Per sender of the workspace, for managers and admins: each listed sender's counters summed over a range (grain
 * `total`: the all-time counters). One short index range per sender and counter, summed there, so the cost follows
 * senders × buckets, and nothing of the breakdowns (links, clients, exclusions) stored beside them is read. (One
 * range, not day rows less hours as the breakdowns do: here each extra range is another descent per sender and
 * counter, dearer than the rows it saves.)
 */
export async function perUser(sql: Db, workspaceId: string, userIds: string[], r: Range): Promise<{ userId: string; metric: string; n: number }[]> {
  const rows = await sql<{ userId: string; metric: string; n: string }[]>`
    select u.id as "userId", m.metric, s.n::text from unnest(${userIds}::uuid[]) u (id), unnest(${SENDER_COUNTS}::text[]) m (metric),
    lateral (
      select sum(n) as n from rollups
      where workspace_id = ${workspaceId} and scope = 'u' and scope_id = u.id and ${grainIs(sql, r.grain)} and metric = m.metric
        and ${buckets(sql, r)} and dim = '') s
    where s.n is not null`;
  return rows.map((row) => ({ userId: row.userId, metric: row.metric, n: Number(row.n) }));
}

/**
 * One scope's rows of the lateral's metric `m.metric` in a range: an equality on the metric, so each metric is one
 * contiguous stretch of `rollups_recent` (metric before bucket) instead of a filter over every metric's rows (a
 * lateral that could be flattened into a join that reads them all is fenced with `offset 0`).
 */
function ofMetric(sql: Db, s: ReportScope, r: Range) {
  return sql`${ofScope(sql, s)} and ${grainIs(sql, r.grain)} and metric = m.metric and ${buckets(sql, r)}`;
}

function ofScope(sql: Db, s: ReportScope) {
  return sql`workspace_id = ${s.workspaceId} and scope = ${s.scope} and scope_id = ${s.id}`;
}

/**
 * The grain as a literal, not a parameter, so that a prepared statement's generic plan can still prove the partial
 * index `rollups_recent` applies (`Grain` is a closed set: nothing is injected).
 */
function grainIs(sql: Db, grain: Grain) {
  return sql.unsafe(`grain = '${grain}'`);
}

/** A range's buckets; grain `total` has the one bucket (the epoch), so an equality there keeps the metric a bound. */
function buckets(sql: Db, r: Range) {
  if (r.grain === 'total') return sql`bucket = ${r.from}`;
  return r.to ? sql`bucket >= ${r.from} and bucket < ${r.to}` : sql`bucket >= ${r.from}`;
}

function total(sql: Db, r: Range) {
  return r.minus ? sql`-sum(n)` : sql`sum(n)`;
}

/** A Postgres array literal of integers, `{1,2}` (null: none). */
function numbers(text: string | null): number[] {
  return text && text.length > 2 ? text.slice(1, -1).split(',').map(Number) : [];
}

function toMinuteRow(r: { metric: string; hour: string; n: string }): MinuteRow {
  return { metric: r.metric, hour: Number(r.hour), n: numbers(r.n) };
}

function toMetricRows(rows: { metric: string; dim: string; n: string }[]): MetricRow[] {
  return rows.map((r) => ({ metric: r.metric, dim: r.dim, n: Number(r.n) }));
}
