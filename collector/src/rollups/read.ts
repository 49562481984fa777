import type { Db } from '../db/connect.ts';
import { EXTREMES, type ExtremeMetric, type Metric, type RollupScope, type SeriesMetric } from './metrics.ts';
import { DAY, floor, HOUR, MINUTE } from './time.ts';

export interface MetricRow {
  metric: Metric;
  dim: string;
  n: number;
}

/**
 * A stored array of counters (`rollup_minutes`: an hour's 60 minutes; `rollup_hours`: a UTC day's 24 hours a dim):
 * n[i] is the i-th minute or hour from `start` (epoch ms).
 */
export interface CountArray {
  metric: Metric;
  dim: string;
  start: number;
  n: number[];
}

/** What the chart shows; a live report's first active minute also counts unsubscribes and mirror views. */
export const CHART: SeriesMetric[] = ['opens', 'clicks'];
const ACTIVITY: SeriesMetric[] = ['opens', 'clicks', 'unsubs', 'mirrors'];
const SENDER_COUNTS: SeriesMetric[] = ['sent', 'opens', 'uopens', 'clicks', 'uclicks', 'unsubs'];

/** The all-time counters (grain `total`). */
export async function totals(sql: Db, s: RollupScope, metrics: Metric[]): Promise<MetricRow[]> {
  const rows = await sql<{ metric: Metric; dim: string; n: string }[]>`
    select metric, dim, n::text from rollups
    where ${ofScope(sql, s)} and grain = 'total' and bucket = 'epoch' and metric = any(${metrics}::text[])`;
  return rows.map((r) => ({ metric: r.metric, dim: r.dim, n: Number(r.n) }));
}

/** first_sent, first and last activity, first and last open (epoch ms). */
export async function extremes(sql: Db, s: RollupScope): Promise<Partial<Record<ExtremeMetric, number>>> {
  const rows = await sql<{ metric: ExtremeMetric; n: string }[]>`
    select metric, n::text from rollups
    where ${ofScope(sql, s)} and grain = 'total' and bucket = 'epoch' and metric = any(${EXTREMES}::text[]) and dim = ''`;
  return Object.fromEntries(rows.map((r) => [r.metric, Number(r.n)]));
}

/** A list's counts: each message's all-time counters of `metrics`, by message id (absent counters are not listed). */
export async function messageTotals(sql: Db, workspaceId: string, ids: string[], metrics: Metric[]): Promise<{ id: string; metric: Metric; n: number }[]> {
  if (ids.length === 0) return [];
  const rows = await sql<{ id: string; metric: Metric; n: string }[]>`
    select scope_id as id, metric, n::text from rollups
    where workspace_id = ${workspaceId} and scope = 'm' and scope_id = any(${ids}::uuid[]) and grain = 'total'
      and bucket = 'epoch' and metric = any(${metrics}::text[])`;
  return rows.map((r) => ({ id: r.id, metric: r.metric, n: Number(r.n) }));
}

/** One chart metric's non-empty buckets: epoch ms and counts, index for index. */
export interface SeriesPoints {
  metric: Metric;
  t: number[];
  n: number[];
}

/**
 * Opens and clicks by day from `from` on (an older scope's global chart). One row of arrays per metric (epoch ms
 * as a double: exact, and far cheaper than numeric), as hundreds of points parse far faster so than as rows.
 */
export async function dailySeries(sql: Db, s: RollupScope, from: Date): Promise<SeriesPoints[]> {
  const rows = await sql<{ metric: Metric; t: string | null; n: string | null }[]>`
    select m.metric, r.t, r.n from unnest(${CHART}::text[]) m (metric), lateral (
      select array_agg((date_part('epoch', bucket) * 1000)::int8)::text as t, array_agg(n)::text as n from rollups
      where ${ofScope(sql, s)} and grain = 'day' and metric = m.metric and bucket >= ${from} and dim = '') r`;
  return rows.map((r) => ({ metric: r.metric, t: numbers(r.t), n: numbers(r.n) }));
}

/** A run of hours [from, to) (epoch ms; to null: open-ended) of the listed metrics. */
export interface HourRun {
  metrics: Metric[];
  from: number;
  to: number | null;
}

/**
 * Each (metric, dim)'s count over runs of hours, from the hour arrays (`rollup_hours`): the days a run spans, one
 * difference of two running totals a row. A live report's totals and breakdowns read two rows a dim (yesterday's
 * and today's) and send back one number a dim.
 */
export async function hourSums(sql: Db, s: RollupScope, runs: HourRun[]): Promise<MetricRow[]> {
  const parts = runs.map(
    (r, i) => sql`${i > 0 ? sql`union all` : sql``} select metric, dim, ${inRun(sql, r)} as n from rollup_hours
      where ${ofScope(sql, s)} and metric = any(${r.metrics}::text[]) and ${daysOf(sql, r)}`,
  );
  const rows = await sql<{ metric: Metric; dim: string; n: string }[]>`
    select metric, dim collate "C" as dim, sum(n)::text as n from (${parts}) r group by 1, 2`;
  return rows.map((r) => ({ metric: r.metric, dim: r.dim, n: Number(r.n) }));
}

/** Per sender of the workspace, for managers and admins: each listed sender's counters over the hours from `from` on (live). */
export async function senderHourSums(sql: Db, workspaceId: string, userIds: string[], from: number): Promise<{ userId: string; metric: Metric; n: number }[]> {
  const run: HourRun = { metrics: SENDER_COUNTS, from, to: null };
  const rows = await sql<{ userId: string; metric: Metric; n: string }[]>`
    select scope_id as "userId", metric, sum(${inRun(sql, run)})::text as n from rollup_hours
    where workspace_id = ${workspaceId} and scope = 'u' and scope_id = any(${userIds}::uuid[]) and metric = any(${SENDER_COUNTS}::text[])
      and ${daysOf(sql, run)} and dim = ''
    group by 1, 2`;
  return rows.map((row) => ({ userId: row.userId, metric: row.metric, n: Number(row.n) }));
}

/** A scope's hour counts of the listed metrics (dim '') for the days from `from`'s on: a young scope's hourly chart. */
export async function hourArrays(sql: Db, s: RollupScope, metrics: Metric[], from: number): Promise<CountArray[]> {
  const rows = await sql<ArrayText[]>`
    select metric, dim, (date_part('epoch', day) * 1000)::int8::text as start, n::text from rollup_hours
    where ${ofScope(sql, s)} and metric = any(${metrics}::text[]) and day >= ${new Date(floor(from, DAY))} and dim = ''`;
  return rows.map((r) => {
    const a = toCountArray(r);
    for (let i = a.n.length - 1; i > 0; i--) a.n[i]! -= a.n[i - 1]!; // running totals to counts
    return a;
  });
}

/**
 * A row's count over a run: running total at the run's end less the one before its start, each the number of the
 * day's hours before that time, clamped to the day (n[0] reads as null: nothing before the first hour).
 */
function inRun(sql: Db, r: HourRun) {
  const before = (t: number) => sql`least(24, greatest(0, ceil((${t / 1000}::float8 - date_part('epoch', day)) / 3600)))::int`;
  const end = r.to === null ? sql`n[24]` : sql`coalesce(n[${before(r.to)}], 0)`;
  return sql`${end} - coalesce(n[${before(r.from)}], 0)`;
}

function daysOf(sql: Db, r: HourRun) {
  const from = new Date(floor(r.from, DAY));
  return r.to === null ? sql`day >= ${from}` : sql`day >= ${from} and day < ${new Date(r.to)}`;
}

/** Per sender of the workspace, for managers and admins: each listed sender's all-time counters (global). */
export async function senderTotals(sql: Db, workspaceId: string, userIds: string[]): Promise<{ userId: string; metric: Metric; n: number }[]> {
  const rows = await sql<{ userId: string; metric: Metric; n: string }[]>`
    select scope_id as "userId", metric, n::text from rollups
    where workspace_id = ${workspaceId} and scope = 'u' and scope_id = any(${userIds}::uuid[]) and grain = 'total'
      and bucket = 'epoch' and metric = any(${SENDER_COUNTS}::text[]) and dim = ''`;
  return rows.map((row) => ({ userId: row.userId, metric: row.metric, n: Number(row.n) }));
}

/**
 * A live window's minute arrays: the chart's metrics for every hour from `from` on, and `edges` (other metrics)
 * for the listed hours only: the window's partial first and last hours. Twenty-odd rows a metric, however busy
 * the day was.
 */
export async function minuteArrays(sql: Db, s: RollupScope, from: number, edges: Metric[], edgeHours: number[]): Promise<CountArray[]> {
  const rows = await sql<ArrayText[]>`
    select metric, '' as dim, (date_part('epoch', hour) * 1000)::int8::text as start, n::text from rollup_minutes
    where ${ofScope(sql, s)} and metric = any(${CHART}::text[]) and hour >= ${new Date(from)}
    union all
    select metric, '', (date_part('epoch', hour) * 1000)::int8::text, n::text from rollup_minutes
    where ${ofScope(sql, s)} and metric = any(${edges}::text[]) and hour = any(${edgeHours.map((t) => new Date(t).toISOString())}::timestamptz[])`;
  return rows.map(toCountArray);
}

/**
 * The first minute from `from` on with any activity (epoch ms). Activity counters only ever grow, so each hour
 * row holds some: the answer is in a metric's first row from `from`'s hour on, or (when that hour's activity was
 * all before `from`) its second.
 */
export async function firstActive(sql: Db, s: RollupScope, from: number): Promise<number | undefined> {
  const rows = await sql<ArrayText[]>`
    select r.metric, '' as dim, r.start, r.n from unnest(${ACTIVITY}::text[]) m (metric), lateral (
      select metric, (date_part('epoch', hour) * 1000)::int8::text as start, n::text from rollup_minutes
      where ${ofScope(sql, s)} and metric = m.metric and hour >= ${new Date(floor(from, HOUR))}
      order by hour limit 2) r`;
  let first: number | undefined;
  for (const r of rows.map(toCountArray)) {
    for (let i = 0; i < r.n.length; i++) {
      const t = r.start + i * MINUTE;
      if (t >= from && r.n[i]! > 0 && (first === undefined || t < first)) first = t;
    }
  }
  return first;
}

function ofScope(sql: Db, s: RollupScope) {
  return sql`workspace_id = ${s.workspaceId} and scope = ${s.scope} and scope_id = ${s.id}`;
}

interface ArrayText {
  metric: Metric;
  dim: string;
  start: string;
  n: string;
}

function toCountArray(r: ArrayText): CountArray {
  return { metric: r.metric, dim: r.dim, start: Number(r.start), n: numbers(r.n) };
}

/** A Postgres array literal of integers, `{1,2}` (null: none). */
function numbers(text: string | null): number[] {
  return text && text.length > 2 ? text.slice(1, -1).split(',').map(Number) : [];
}
