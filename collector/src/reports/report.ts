import type { Report, ReportScope } from '@beacon/shared/api/reports';
import type { Db } from '../db/connect.ts';
import {
  CHART,
  dailySeries,
  extremes,
  firstActive,
  hourArrays,
  hourSums,
  minuteArrays,
  senderHourSums,
  senderTotals,
  totals,
  type CountArray,
  type MetricRow,
  type SeriesPoints,
} from '../rollups/read.ts';
import { BREAKDOWNS, SERIES, type Metric, type RollupScope, type SeriesMetric } from '../rollups/metrics.ts';
import { linkOfDim } from '../rollups/link-dims.ts';
import { ceil, DAY, floor, HOUR, MINUTE } from '../rollups/time.ts';

const COUNTS: readonly Metric[] = SERIES;
/** Counts whose minute arrays a live report reads only at the window's edges (the chart's are read whole). */
const EDGE_COUNTS: SeriesMetric[] = SERIES.filter((m) => !CHART.includes(m));

export interface ReportOptions {
  /** Managers and admins over the workspace: the senders to break the counts down by. */
  users?: { id: string; email: string }[];
  /** A message's report lists all its links, clicked or not: their dims (see rollups/link-dims.ts). */
  links?: string[];
}

/**
 * A report read from the counters only (never the events table), so its cost does not grow with the events.
 * Live: the last 24 h by minute (breakdowns and per-sender rows by hour, so they span up to 25 h); its totals add
 * the whole hours from the hour arrays and only the edges from the minute arrays.
 * Global: since the first send, by hour for the first 7 days, then by day.
 */
export async function buildReport(sql: Db, s: RollupScope, kind: ReportScope, now: number, opts: ReportOptions = {}): Promise<Report> {
  if (kind === 'live') {
    const start = floor(now, MINUTE) - 1439 * MINUTE;
    const first = floor(start, HOUR);
    const hoursFrom = ceil(start, HOUR);
    const hoursTo = floor(now, HOUR);
    const [hours, minutes, firstAt, ex, senders] = await Promise.all([
      hourSums(sql, s, [
        { metrics: [...SERIES], from: hoursFrom, to: hoursTo },
        { metrics: [...BREAKDOWNS], from: first, to: null },
      ]),
      minuteArrays(sql, s, first, EDGE_COUNTS, [first, hoursTo]),
      firstActive(sql, s, start),
      extremes(sql, s),
      opts.users
        ? senderHourSums(
            sql,
            s.workspaceId,
            opts.users.map((u) => u.id),
            first,
          )
        : undefined,
    ]);
    return assemble({
      kind,
      bucket: 'minute',
      from: start,
      now,
      rows: [
        ...hours,
        ...sumArrays(
          minutes.filter((r) => COUNTS.includes(r.metric)),
          MINUTE,
          [
            [start, hoursFrom],
            [hoursTo, Infinity],
          ],
        ),
      ],
      series: dense(arrayPoints(minutes, MINUTE), start, now, MINUTE),
      first: firstAt,
      last: ex.last !== undefined && ex.last >= start ? ex.last : undefined,
      firstOpen: ex.first_open,
      lastOpen: ex.last_open,
      users: senders && opts.users ? byUser(senders, opts.users) : undefined,
      links: opts.links,
    });
  }
  const ex = await extremes(sql, s);
  const start = Math.min(ex.first_sent ?? now, ex.first ?? now);
  const bucket = now - start <= 7 * DAY ? 'hour' : 'day';
  const size = bucket === 'hour' ? HOUR : DAY;
  const [rows, points, users] = await Promise.all([
    totals(sql, s, [...SERIES, ...BREAKDOWNS]),
    bucket === 'hour' ? hourArrays(sql, s, CHART, start).then((r) => arrayPoints(r, HOUR)) : dailySeries(sql, s, new Date(floor(start, DAY))),
    opts.users
      ? senderTotals(
          sql,
          s.workspaceId,
          opts.users.map((u) => u.id),
        )
      : undefined,
  ]);
  return assemble({
    kind,
    bucket,
    from: start,
    now,
    rows,
    series: dense(points, floor(start, size), now, size),
    first: ex.first,
    last: ex.last,
    firstOpen: ex.first_open,
    lastOpen: ex.last_open,
    users: users && opts.users ? byUser(users, opts.users) : undefined,
    links: opts.links,
  });
}

/** Each (metric, dim)'s counts in the ranges [from, to) of epoch ms, from arrays of `slot`-long counters. */
function sumArrays(rows: CountArray[], slot: number, ranges: [number, number][]): MetricRow[] {
  const sums = new Map<string, MetricRow>();
  for (const r of rows) {
    let n = 0;
    for (const [from, to] of ranges) {
      const end = Math.min(r.n.length, Math.ceil((to - r.start) / slot));
      for (let i = Math.max(0, Math.ceil((from - r.start) / slot)); i < end; i++) n += r.n[i]!;
    }
    const key = `${r.metric}\u0001${r.dim}`;
    const sum = sums.get(key);
    if (sum) sum.n += n;
    else sums.set(key, { metric: r.metric, dim: r.dim, n });
  }
  return [...sums.values()];
}

/** A chart's arrays as points: one per non-empty minute or hour. */
function arrayPoints(rows: CountArray[], slot: number): SeriesPoints[] {
  const points = new Map<string, SeriesPoints>();
  for (const r of rows) {
    let p = points.get(r.metric);
    if (!p) points.set(r.metric, (p = { metric: r.metric, t: [], n: [] }));
    for (let i = 0; i < r.n.length; i++) {
      if (r.n[i] === 0) continue;
      p.t.push(r.start + i * slot);
      p.n.push(r.n[i]!);
    }
  }
  return [...points.values()];
}

interface Parts {
  kind: ReportScope;
  bucket: Report['bucket'];
  from: number;
  now: number;
  rows: MetricRow[];
  series: Report['series'];
  first: number | undefined;
  last: number | undefined;
  /** All time, in either scope. */
  firstOpen: number | undefined;
  lastOpen: number | undefined;
  users: Report['users'];
  links: string[] | undefined;
}

function assemble(p: Parts): Report {
  const total = (metric: Metric) => p.rows.filter((r) => r.metric === metric).reduce((n, r) => n + r.n, 0);
  const dims = (metric: Metric) => new Map(p.rows.filter((r) => r.metric === metric).map((r) => [r.dim, r.n]));
  const sent = total('sent');
  const opens = { total: total('opens'), unique: total('uopens') };
  const clicks = { total: total('clicks'), unique: total('uclicks') };
  const linkClicks = dims('link');
  const linkUniques = dims('ulink');
  // Ties keep the message's own link order, then the alphabet.
  const keys = new Set([...(p.links ?? []), ...[...linkClicks.keys()].sort()]);
  const report: Report = {
    scope: p.kind,
    window: { from: new Date(p.from).toISOString(), to: new Date(p.now).toISOString() },
    sent,
    opens,
    clicks,
    unsubscribes: total('unsubs'),
    optOuts: total('optouts'),
    mirrorViews: total('mirrors'),
    rates: {
      open: ratio(opens.unique, sent),
      click: ratio(clicks.unique, sent),
      clickToOpen: ratio(clicks.unique, opens.unique),
    },
    links: [...keys]
      .map((dim) => ({ ...linkOfDim(dim), clicks: linkClicks.get(dim) ?? 0, uniqueClicks: linkUniques.get(dim) ?? 0 }))
      .sort((a, b) => b.clicks - a.clicks)
      .slice(0, 100),
    series: p.series,
    bucket: p.bucket,
    clients: [...dims('client')]
      .map(([name, n]) => ({ name, opens: n }))
      .sort((a, b) => b.opens - a.opens || a.name.localeCompare(b.name))
      .slice(0, 20),
    excluded: Object.fromEntries([...dims('excluded')].sort(([a], [b]) => a.localeCompare(b))),
    firstActivityAt: iso(p.first),
    lastActivityAt: iso(p.last),
    firstOpenAt: iso(p.firstOpen),
    lastOpenAt: iso(p.lastOpen),
  };
  if (p.users) report.users = p.users;
  return report;
}

function byUser(rows: { userId: string; metric: Metric; n: number }[], users: { id: string; email: string }[]): NonNullable<Report['users']> {
  const get = (id: string, metric: Metric) => rows.find((r) => r.userId === id && r.metric === metric)?.n ?? 0;
  return users
    .map((u) => ({
      userId: u.id,
      email: u.email,
      sent: get(u.id, 'sent'),
      opens: { total: get(u.id, 'opens'), unique: get(u.id, 'uopens') },
      clicks: { total: get(u.id, 'clicks'), unique: get(u.id, 'uclicks') },
      unsubscribes: get(u.id, 'unsubs'),
    }))
    .sort((a, b) => b.sent - a.sent || a.email.localeCompare(b.email));
}

/** Every bucket from `from` to `now`, zeros included, so charts need no gap filling. */
export function dense(points: SeriesPoints[], from: number, now: number, size: number): Report['series'] {
  const start = floor(from, size);
  const length = Math.max(0, Math.min(5000, Math.floor((now - start) / size) + 1));
  const opens = new Float64Array(length);
  const clicks = new Float64Array(length);
  for (const p of points) {
    const into = p.metric === 'opens' ? opens : p.metric === 'clicks' ? clicks : null;
    if (!into) continue;
    for (let i = 0; i < p.t.length; i++) {
      const at = Math.floor((p.t[i]! - start) / size);
      if (at >= 0 && at < length) into[at]! += p.n[i]!;
    }
  }
  const out: Report['series'] = new Array(length);
  for (let i = 0; i < length; i++) out[i] = { t: new Date(start + i * size).toISOString(), opens: opens[i]!, clicks: clicks[i]! };
  return out;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0);
