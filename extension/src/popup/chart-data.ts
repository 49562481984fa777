import type { Report } from '@beacon/shared/api/reports';
import type { Format } from './format';

/** uPlot's columns: times in seconds, then opens, then clicks. */
export type ChartColumns = [number[], number[], number[]];

export function chartColumns(series: Report['series']): ChartColumns {
  const times: number[] = [];
  const opens: number[] = [];
  const clicks: number[] = [];
  for (const point of series) {
    times.push(Date.parse(point.t) / 1000);
    opens.push(point.opens);
    clicks.push(point.clicks);
  }
  return [times, opens, clicks];
}

const BUCKET_WORDS: Record<Report['bucket'], string> = { minute: 'per minute', hour: 'per hour', day: 'per day' };

/** The chart said in words (for screen readers, and where a canvas cannot be drawn). */
export function chartSummary(report: Pick<Report, 'series' | 'bucket'>, fmt: Pick<Format, 'number' | 'dateTime'>): string {
  const opens = report.series.reduce((n, p) => n + p.opens, 0);
  const clicks = report.series.reduce((n, p) => n + p.clicks, 0);
  if (opens + clicks === 0) return `No opens or clicks ${BUCKET_WORDS[report.bucket]} in this period.`;
  const busiest = report.series.reduce((best, p) => (p.opens + p.clicks > best.opens + best.clicks ? p : best));
  const n = fmt.number;
  return `Opens and clicks ${BUCKET_WORDS[report.bucket]}: ${n(opens)} opens and ${n(clicks)} clicks in all; busiest at ${fmt.dateTime(busiest.t)} with ${n(busiest.opens)} opens and ${n(busiest.clicks)} clicks.`;
}
