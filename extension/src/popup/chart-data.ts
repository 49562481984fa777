import { i18n } from '#i18n';
import type { Report } from '@beacon/shared/api/reports';
import type { Format } from './format';

/** uPlot's columns: times in seconds, then opens, then clicks. */
export type ChartColumns = [number[], number[], number[]];

/** Live: minute by minute. Daily: one bar a day, the Global chart. */
export type Granularity = 'minute' | 'day';

export interface ChartData {
  granularity: Granularity;
  columns: ChartColumns;
  /** The time axis, in seconds: it ends at the report's now. */
  range: [number, number];
}

/** The Global chart looks back at least this many days, so a message sent today still has a week for context. */
const MIN_DAYS = 7;

const localDay = (ms: number) => {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
};
/** The collector's day buckets are UTC days: the same calendar date, at local midnight. */
const calendarDay = (ms: number) => {
  const d = new Date(ms);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()).getTime();
};
/** Day steps by the calendar, not by 24 h, so a daylight-saving change never shifts a bar off midnight. */
const addDays = (day: number, n: number) => {
  const d = new Date(day);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n).getTime();
};

/** The minutes of the Live report as they come. */
function minuteColumns(series: Report['series']): ChartColumns {
  const columns: ChartColumns = [[], [], []];
  for (const point of series) {
    columns[0].push(Date.parse(point.t) / 1000);
    columns[1].push(point.opens);
    columns[2].push(point.clicks);
  }
  return columns;
}

/** The Global report's hours (or UTC days) summed into the user's own days, every day up to today. */
function dayColumns(series: Report['series'], bucket: Report['bucket'], now: number): ChartColumns {
  const sums = new Map<number, [number, number]>();
  for (const point of series) {
    const t = Date.parse(point.t);
    const day = bucket === 'day' ? calendarDay(t) : localDay(t);
    const sum = sums.get(day) ?? [0, 0];
    sum[0] += point.opens;
    sum[1] += point.clicks;
    sums.set(day, sum);
  }
  const today = localDay(now);
  const columns: ChartColumns = [[], [], []];
  for (let day = Math.min(addDays(today, 1 - MIN_DAYS), ...sums.keys()); day <= today; day = addDays(day, 1)) {
    const [opens, clicks] = sums.get(day) ?? [0, 0];
    columns[0].push(day / 1000);
    columns[1].push(opens);
    columns[2].push(clicks);
  }
  return columns;
}

/** What the chart draws for a report: Live by the minute over the last 24 hours, Global by the day; both end now. */
export function chartData(report: Pick<Report, 'series' | 'bucket' | 'window'>): ChartData {
  const now = Date.parse(report.window.to);
  if (report.bucket === 'minute') {
    return { granularity: 'minute', columns: minuteColumns(report.series), range: [Date.parse(report.window.from) / 1000, now / 1000] };
  }
  const columns = dayColumns(report.series, report.bucket, now);
  return { granularity: 'day', columns, range: [columns[0][0] ?? now / 1000, now / 1000] };
}

export const totalOf = (values: number[]) => values.reduce((n, v) => n + v, 0);

/** The chart said in words (for screen readers, and where a canvas cannot be drawn). */
export function chartSummary(data: ChartData, fmt: Pick<Format, 'number' | 'dateTime' | 'date'>): string {
  const [times, opens, clicks] = data.columns;
  const per = i18n.t(data.granularity === 'minute' ? 'popup.chart.perMinute' : 'popup.chart.perDay');
  if (totalOf(opens) + totalOf(clicks) === 0) return i18n.t('popup.chart.summaryEmpty', { per });
  let busiest = 0;
  for (let i = 1; i < times.length; i++) if (opens[i]! + clicks[i]! > opens[busiest]! + clicks[busiest]!) busiest = i;
  const at = new Date(times[busiest]! * 1000).toISOString();
  const n = fmt.number;
  return i18n.t('popup.chart.summary', {
    per,
    opens: n(totalOf(opens)),
    clicks: n(totalOf(clicks)),
    when: data.granularity === 'minute' ? fmt.dateTime(at) : fmt.date(at),
    busiestOpens: n(opens[busiest]!),
    busiestClicks: n(clicks[busiest]!),
  });
}
