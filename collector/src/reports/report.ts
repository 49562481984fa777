import type { Report, ReportScope as ReportKind } from '@beacon/shared/api/reports';
import type { Db } from '../db/connect.ts';
import type { Grain } from '../events/tally.ts';
import { extremes, firstActive, minuteRows, perUser, rangeSums, series, sums, type MetricRow, type MinuteRow, type Range, type ReportScope, type SeriesPoints } from './queries.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const COUNTS = ['sent', 'opens', 'uopens', 'clicks', 'uclicks', 'unsubs'];
/** Counts whose minute arrays a live report reads only at the window's edges (the chart's are read whole). */
const EDGE_COUNTS = ['sent', 'uopens', 'uclicks', 'unsubs'];
const BREAKDOWNS = ['link', 'ulink', 'client', 'excluded'];
const EPOCH = new Date(0);

export interface ReportOptions {
  /** Managers and admins over the workspace: the senders to break the counts down by. */
  users?: { id: string; email: string }[];
  /** A message's report lists all its tracked links, clicked or not. */
  links?: string[];
}

/**
 * A report read from the rollups only (never the events table), so its cost does not grow with the events.
 * Live: the last 24 h by minute (breakdowns and per-sender rows by hour, so they span up to 25 h); its totals add
 * the whole hours from the hour rows and only the edges from the minute arrays.
 * Global: since the first send, by hour for the first 7 days, then by day.
 */
export async function buildReport(sql: Db, s: ReportScope, kind: ReportKind, now: number, opts: ReportOptions = {}): Promise<Report> {
  if (kind === 'live') {
    const start = floor(now, MINUTE) - 1439 * MINUTE;
    const hoursFrom = ceil(start, HOUR);
    const hoursTo = floor(now, HOUR);
    const edgeHours = [...new Set([floor(start, HOUR), hoursTo])];
    const [hours, breakdown, minutes, first, ex, users] = await Promise.all([
      rangeSums(sql, s, [{ grain: 'hour', from: new Date(hoursFrom), to: new Date(hoursTo) }], COUNTS),
      rangeSums(sql, s, liveHours(start, now), BREAKDOWNS),
      minuteRows(sql, s, new Date(floor(start, HOUR)), EDGE_COUNTS, edgeHours),
      firstActive(sql, s, start),
      extremes(sql, s),
      opts.users ? perUser(sql, s.workspaceId, opts.users.map((u) => u.id), { grain: 'hour', from: new Date(floor(start, HOUR)), to: null }) : undefined,
    ]);
    return assemble({
      kind,
      bucket: 'minute',
      from: start,
      now,
      rows: [...hours, ...edges(minutes, start, hoursFrom, hoursTo), ...breakdown],
      series: dense(minutePoints(minutes), start, now, MINUTE),
      first,
      last: ex.last !== undefined && ex.last >= start ? ex.last : undefined,
      users: users && opts.users ? byUser(users, opts.users) : undefined,
      links: opts.links,
    });
  }
  const ex = await extremes(sql, s);
  const start = Math.min(ex.first_sent ?? now, ex.first ?? now);
  const bucket: Grain = now - start <= 7 * DAY ? 'hour' : 'day';
  const size = bucket === 'hour' ? HOUR : DAY;
  const [rows, points, users] = await Promise.all([
    sums(sql, s, 'total', EPOCH, [...COUNTS, ...BREAKDOWNS]),
    series(sql, s, bucket, new Date(floor(start, size))),
    opts.users ? perUser(sql, s.workspaceId, opts.users.map((u) => u.id), { grain: 'total', from: EPOCH, to: null }) : undefined,
  ]);
  return assemble({
    kind,
    bucket: bucket as 'hour' | 'day',
    from: start,
    now,
    rows,
    series: dense(points, floor(start, size), now, size),
    first: ex.first,
    last: ex.last,
    users: users && opts.users ? byUser(users, opts.users) : undefined,
    links: opts.links,
  });
}

/**
 * The live window's counts beyond its whole hours (read from the hour rows): the minutes from `start` to the first
 * whole hour and from the last one on, from their hours' minute arrays.
 */
function edges(rows: MinuteRow[], start: number, hoursFrom: number, hoursTo: number): MetricRow[] {
  const out: MetricRow[] = [];
  for (const r of rows) {
    if (!COUNTS.includes(r.metric) || (r.hour >= hoursFrom && r.hour < hoursTo)) continue;
    const first = r.hour < start ? (start - r.hour) / MINUTE : 0;
    let n = 0;
    for (let i = first; i < r.n.length; i++) n += r.n[i]!;
    out.push({ metric: r.metric, dim: '', n });
  }
  return out;
}

/** The chart's minute arrays as points: one per non-empty minute. */
function minutePoints(rows: MinuteRow[]): SeriesPoints[] {
  const points = new Map<string, SeriesPoints>();
  for (const r of rows) {
    let p = points.get(r.metric);
    if (!p) points.set(r.metric, (p = { metric: r.metric, t: [], n: [] }));
    for (let i = 0; i < r.n.length; i++) {
      if (r.n[i] === 0) continue;
      p.t.push(r.hour + i * MINUTE);
      p.n.push(r.n[i]!);
    }
  }
  return [...points.values()];
}

/**
 * The hours from `start`'s on (breakdowns are hourly, so they span up to 25 h) from the fewest rows: today's day
 * row, then the hours before midnight, or yesterday's day row less the hours before `start`'s, whichever is fewer:
 * at most 12 hour rows and 2 day rows a dim instead of 25 hour rows. (The writer adds every increment to its hour
 * and its day alike.)
 */
function liveHours(start: number, now: number): Range[] {
  const first = floor(start, HOUR);
  const today = floor(now, DAY);
  const date = (t: number) => new Date(t);
  const ranges: Range[] = [{ grain: 'day', from: date(today), to: date(today + DAY) }];
  if (first >= today) return ranges;
  if (today - first <= 12 * HOUR) return [...ranges, { grain: 'hour', from: date(first), to: date(today) }];
  ranges.push({ grain: 'day', from: date(today - DAY), to: date(today) });
  if (first > today - DAY) ranges.push({ grain: 'hour', from: date(today - DAY), to: date(first), minus: true });
  return ranges;
}

interface Parts {
  kind: ReportKind;
  bucket: Report['bucket'];
  from: number;
  now: number;
  rows: MetricRow[];
  series: Report['series'];
  first: number | undefined;
  last: number | undefined;
  users: Report['users'];
  links: string[] | undefined;
}

function assemble(p: Parts): Report {
  const total = (metric: string) => p.rows.filter((r) => r.metric === metric).reduce((n, r) => n + r.n, 0);
  const dims = (metric: string) => new Map(p.rows.filter((r) => r.metric === metric).map((r) => [r.dim, r.n]));
  const sent = total('sent');
  const opens = { total: total('opens'), unique: total('uopens') };
  const clicks = { total: total('clicks'), unique: total('uclicks') };
  const linkClicks = dims('link');
  const linkUniques = dims('ulink');
  // Ties keep the message's own link order, then the alphabet.
  const urls = new Set([...(p.links ?? []), ...[...linkClicks.keys()].sort()]);
  const report: Report = {
    scope: p.kind,
    window: { from: new Date(p.from).toISOString(), to: new Date(p.now).toISOString() },
    sent,
    opens,
    clicks,
    unsubscribes: total('unsubs'),
    rates: {
      open: ratio(opens.unique, sent),
      click: ratio(clicks.unique, sent),
      clickToOpen: ratio(clicks.unique, opens.unique),
    },
    links: [...urls]
      .map((url) => ({ url, clicks: linkClicks.get(url) ?? 0, uniqueClicks: linkUniques.get(url) ?? 0 }))
      .sort((a, b) => b.clicks - a.clicks)
      .slice(0, 100),
    series: p.series,
    bucket: p.bucket,
    clients: [...dims('client')]
      .map(([name, n]) => ({ name, opens: n }))
      .sort((a, b) => b.opens - a.opens || a.name.localeCompare(b.name))
      .slice(0, 20),
    excluded: Object.fromEntries([...dims('excluded')].sort(([a], [b]) => a.localeCompare(b))),
    firstActivityAt: p.first === undefined ? null : new Date(p.first).toISOString(),
    lastActivityAt: p.last === undefined ? null : new Date(p.last).toISOString(),
  };
  if (p.users) report.users = p.users;
  return report;
}

function byUser(rows: { userId: string; metric: string; n: number }[], users: { id: string; email: string }[]): NonNullable<Report['users']> {
  const get = (id: string, metric: string) => rows.find((r) => r.userId === id && r.metric === metric)?.n ?? 0;
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

const floor = (t: number, size: number) => Math.floor(t / size) * size;
const ceil = (t: number, size: number) => Math.ceil(t / size) * size;
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0);
