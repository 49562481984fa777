import { describe, expect, it } from 'vitest';
import { chartData, chartSummary } from './chart-data';
import { createFormat } from './format';
import { globalReport, liveReport, NOW } from '../../test/report-fixtures';

const day = (y: number, m: number, d: number) => new Date(y, m - 1, d).getTime() / 1000;

describe('the activity chart', () => {
  it('Live: every minute of the last 24 hours, the axis ending now', () => {
    const data = chartData(liveReport());
    expect(data.granularity).toBe('minute');
    expect(data.columns[0]).toHaveLength(1440);
    expect(data.range).toEqual([Date.parse(liveReport().window.from) / 1000, NOW / 1000]);
  });

  it('Global: the hours summed into the user’s days, a week at least, the axis ending now', () => {
    const report = globalReport();
    const data = chartData(report);
    expect(data.granularity).toBe('day');
    const today = new Date(NOW);
    expect(data.columns[0].at(-1)).toBe(day(today.getFullYear(), today.getMonth() + 1, today.getDate()));
    expect(data.columns[0]).toHaveLength(7);
    expect(data.range[1]).toBe(NOW / 1000);
    expect(data.columns[1].reduce((a, b) => a + b)).toBe(report.series.reduce((n, p) => n + p.opens, 0));
    expect(data.columns[2].reduce((a, b) => a + b)).toBe(report.series.reduce((n, p) => n + p.clicks, 0));
  });

  it('Global over months: one bar per calendar day of the collector’s days, gaps filled with zeros', () => {
    const series = [
      { t: '2025-01-10T00:00:00.000Z', opens: 4, clicks: 1 },
      { t: '2025-01-11T00:00:00.000Z', opens: 0, clicks: 0 },
      { t: '2025-03-14T00:00:00.000Z', opens: 2, clicks: 0 },
    ];
    const data = chartData({ series, bucket: 'day', window: { from: series[0]!.t, to: new Date(NOW).toISOString() } });
    expect(data.columns[0][0]).toBe(day(2025, 1, 10));
    expect(data.columns[0]).toHaveLength(64); // 10 January to 14 March
    expect(data.columns[1][0]).toBe(4);
    expect(data.columns[1].at(-1)).toBe(2);
    expect(data.range).toEqual([day(2025, 1, 10), NOW / 1000]);
  });

  it('is said in words, by the day on the Global tab', () => {
    const text = chartSummary(chartData(globalReport()), createFormat('en-US', 'UTC'));
    expect(text).toMatch(/^Opens and clicks per day\. In all: opens 24, clicks 5\. Busiest: [A-Z][a-z]{2} \d+, 2025, opens \d+, clicks \d+\.$/);
  });
});
