/** One line of the bench table; every bench module returns these so `run.ts` can print one table. */
export interface BenchRow {
  bench: string;
  metric: string;
  value: string;
  /** The same measure for the baseline run in the same process ('' when there is none). */
  baseline: string;
  ratio: string;
  target: string;
  pass: boolean | null;
}

const COLUMNS = ['bench', 'metric', 'value', 'baseline', 'ratio', 'target', 'pass'] as const;

export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => COLUMNS.map((c) => (c === 'pass' ? passText(row.pass) : row[c])));
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  return [line(COLUMNS), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

function passText(pass: boolean | null): string {
  return pass === null ? '-' : pass ? 'yes' : 'NO';
}

/** Median of timings in ms, after the caller has warmed up. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The 95th percentile (nearest rank) of timings in ms. */
export function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

/** Wall time in ms of each of `runs` consecutive calls. */
export function timings(fn: () => unknown, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Median CPU time (user + system, all threads) in ms of `runs` calls. On a shared machine this measures our code
 * rather than the neighbours: time spent descheduled is not counted.
 */
export function cpuMedian(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns the median wall time in ms. */
export function timeMedian(fn: () => unknown, runs: number, warmup = 3): number {
  timings(fn, warmup);
  return median(timings(fn, runs));
}

/**
 * Median wall times of two functions measured in alternating blocks (a×runs, b×runs, repeated `rounds` times), so
 * a busy spell on a shared machine falls on both; within a block each pays for its own garbage.
 */
export function compareMedians(a: () => unknown, b: () => unknown, rounds: number, runsA: number, runsB: number): [number, number] {
  timings(a, 3);
  timings(b, 2);
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let round = 0; round < rounds; round++) {
    timesA.push(...timings(a, runsA));
    timesB.push(...timings(b, runsB));
  }
  return [median(timesA), median(timesB)];
}
