import type { Metric } from './metrics.ts';
import type { RollupRow } from './tally.ts';
import { DAY, HOUR, MINUTE } from './time.ts';

/**
 * Minute and hour counters are stored as arrays: a scope's minutes an hour to a row (`rollup_minutes`, 60 counts,
 * n[i] is minute i), its hours a UTC day to a row (`rollup_hours`, 24 running totals a dim; n[i] is the count of the
 * day's hours up to and including hour i, so any run of hours is a difference of two elements). The tally still speaks in minute and hour rows: this packs them for the upsert, which adds the
 * arrays element by element (`add_counts`: sums of running totals are running totals of sums).
 */
export interface CountArrayRow {
  workspace_id: string;
  scope: RollupRow['scope'];
  scope_id: string;
  metric: Metric;
  dim: string;
  /** The hour (minutes) or day (hours) the array starts at. */
  at: string;
  n: number[];
}

export type ArrayGrain = 'minute' | 'hour';
const ARRAY_SHAPES: Record<ArrayGrain, { slot: number; span: number; running: boolean }> = {
  minute: { slot: MINUTE, span: HOUR, running: false },
  hour: { slot: HOUR, span: DAY, running: true },
};

/** The rows of one grain as arrays; other grains are left out. Sorted by key, like the tally (lock order). */
export function packArrays(rows: RollupRow[], grain: ArrayGrain): CountArrayRow[] {
  const { slot, span, running } = ARRAY_SHAPES[grain];
  const packed = new Map<string, CountArrayRow>();
  for (const r of rows) {
    if (r.grain !== grain) continue;
    const t = Date.parse(r.bucket);
    const start = Math.floor(t / span) * span;
    const key = `${r.workspace_id}\u0001${r.scope}\u0001${r.scope_id}\u0001${r.metric}\u0001${start}\u0001${r.dim}`;
    let row = packed.get(key);
    if (!row) {
      row = {
        workspace_id: r.workspace_id,
        scope: r.scope,
        scope_id: r.scope_id,
        metric: r.metric,
        dim: r.dim,
        at: new Date(start).toISOString(),
        n: new Array(span / slot).fill(0),
      };
      packed.set(key, row);
    }
    const i = Math.floor((t - start) / slot);
    row.n[i] = row.n[i]! + r.n;
  }
  const out = [...packed.keys()].sort().map((k) => packed.get(k)!);
  if (running) for (const row of out) for (let i = 1; i < row.n.length; i++) row.n[i] = row.n[i]! + row.n[i - 1]!;
  return out;
}
