import type { RollupRow } from './tally.ts';

/**
 * Minute counters are stored an hour to a row (`rollup_minutes`, migration 00007): n[i] is minute i of the hour.
 * The tally still speaks in minute rows; this packs them for the upsert, which adds the arrays element by element.
 */
export interface MinuteRow {
  workspace_id: string;
  scope: RollupRow['scope'];
  scope_id: string;
  metric: string;
  hour: string;
  n: number[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Minute rows as hour rows of 60 counts; other grains are left out. Sorted by key, like the tally (lock order). */
export function packMinutes(rows: RollupRow[]): MinuteRow[] {
  const packed = new Map<string, MinuteRow>();
  for (const r of rows) {
    if (r.grain !== 'minute') continue;
    const at = Date.parse(r.bucket);
    const hour = Math.floor(at / HOUR) * HOUR;
    const key = `${r.workspace_id}\u0001${r.scope}\u0001${r.scope_id}\u0001${r.metric}\u0001${hour}`;
    let row = packed.get(key);
    if (!row) {
      row = { workspace_id: r.workspace_id, scope: r.scope, scope_id: r.scope_id, metric: r.metric, hour: new Date(hour).toISOString(), n: new Array(60).fill(0) };
      packed.set(key, row);
    }
    const i = Math.floor((at - hour) / MINUTE);
    row.n[i] = row.n[i]! + r.n;
  }
  return [...packed.keys()].sort().map((k) => packed.get(k)!);
}
