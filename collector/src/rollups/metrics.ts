/**
 * What the rollups count, and whose. Three tables hold them (migrations/00001_init.sql):
 * - `rollups`: a row per counter for all time (grain 'total', bucket the epoch) and per UTC day ('day');
 * - `rollup_minutes`: an hour's 60 minutes to a row (count-arrays.ts), kept 2 days, for the live chart and window edges;
 * - `rollup_hours`: a UTC day's 24 hours to a row as running totals, kept 8 days, for live totals and breakdowns.
 * Every row is keyed by workspace, then a scope: the workspace ('w'), a sender ('u') or a message ('m').
 * Reports read only these tables (read.ts); the write thread adds to them (write.ts), and so do registrations.
 */
export type Scope = 'w' | 'u' | 'm';
export const SCOPES: readonly Scope[] = ['w', 'u', 'm'];

/** Whose counters: the workspace, one of its senders, or one of its messages. */
export interface RollupScope {
  workspaceId: string;
  scope: Scope;
  id: string;
}

/** Counts over time, kept at every grain: what the chart, the totals and the per-sender rows show. */
export const SERIES = ['sent', 'opens', 'uopens', 'clicks', 'uclicks', 'unsubs', 'optouts', 'mirrors'] as const;
/** Counts by a dim (a link, a client, an exclusion reason), kept by the hour and in total. */
export const BREAKDOWNS = ['link', 'ulink', 'client', 'excluded'] as const;
/**
 * Epoch ms kept in total only, combined by least/greatest instead of a sum. `first`/`last`: any human activity;
 * `first_open`/`last_open`: pixel opens only (a click's implied open is no time the mail was seen).
 */
export const EXTREMES = ['first', 'last', 'first_sent', 'first_open', 'last_open'] as const;

export type SeriesMetric = (typeof SERIES)[number];
export type BreakdownMetric = (typeof BREAKDOWNS)[number];
export type ExtremeMetric = (typeof EXTREMES)[number];
export type Metric = SeriesMetric | BreakdownMetric | ExtremeMetric;

/** The smallest of two values is kept (first activity, send, open); the last ones keep the largest; the rest add up. */
export function combine(metric: Metric, a: number, b: number): number {
  if (metric === 'first' || metric === 'first_sent' || metric === 'first_open') return Math.min(a, b);
  return metric === 'last' || metric === 'last_open' ? Math.max(a, b) : a + b;
}

export type Grain = 'minute' | 'hour' | 'day' | 'total';
export const SERIES_GRAINS: readonly Grain[] = ['minute', 'hour', 'day', 'total'];
export const BREAKDOWN_GRAINS: readonly Grain[] = ['hour', 'total'];
export const TOTAL_ONLY: readonly Grain[] = ['total'];
