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

/** Counters summed over buckets from `from` on (grain `total`: the all-time counters). */
export async function sums(sql: Db, s: ReportScope, grain: Grain, from: Date, metrics: string[]): Promise<MetricRow[]> {
  const rows = await sql<{ metric: string; dim: string; n: string }[]>`
    select metric, dim, sum(n)::text as n from rollups
    where workspace_id = ${s.workspaceId} and scope = ${s.scope} and scope_id = ${s.id} and grain = ${grain}
      and bucket >= ${from} and metric = any(${metrics}::text[])
    group by metric, dim`;
  return rows.map((r) => ({ metric: r.metric, dim: r.dim, n: Number(r.n) }));
}

/** first_sent, first and last activity (epoch ms). */
export async function extremes(sql: Db, s: ReportScope): Promise<Record<string, number>> {
  const rows = await sql<{ metric: string; n: string }[]>`
    select metric, n::text from rollups
    where workspace_id = ${s.workspaceId} and scope = ${s.scope} and scope_id = ${s.id} and grain = 'total'
      and bucket = 'epoch' and metric in ('first_sent', 'first', 'last') and dim = ''`;
  return Object.fromEntries(rows.map((r) => [r.metric, Number(r.n)]));
}

export interface SeriesRow {
  bucket: Date;
  metric: string;
  n: number;
}

export async function series(sql: Db, s: ReportScope, grain: Grain, from: Date): Promise<SeriesRow[]> {
  const rows = await sql<{ bucket: Date; metric: string; n: string }[]>`
    select bucket, metric, n::text from rollups
    where workspace_id = ${s.workspaceId} and scope = ${s.scope} and scope_id = ${s.id} and grain = ${grain}
      and bucket >= ${from} and metric in ('opens', 'clicks', 'unsubs', 'mirrors') and dim = ''`;
  return rows.map((r) => ({ bucket: r.bucket, metric: r.metric, n: Number(r.n) }));
}

/** Per sender of the workspace, for managers and admins. */
export async function perUser(sql: Db, workspaceId: string, grain: Grain, from: Date): Promise<{ userId: string; metric: string; n: number }[]> {
  const rows = await sql<{ userId: string; metric: string; n: string }[]>`
    select scope_id as "userId", metric, sum(n)::text as n from rollups
    where workspace_id = ${workspaceId} and scope = 'u' and grain = ${grain} and bucket >= ${from}
      and metric in ('sent', 'opens', 'uopens', 'clicks', 'uclicks', 'unsubs') and dim = ''
    group by scope_id, metric`;
  return rows.map((r) => ({ userId: r.userId, metric: r.metric, n: Number(r.n) }));
}
