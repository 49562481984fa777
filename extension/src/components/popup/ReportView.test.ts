import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ReportView from './ReportView.vue';
import TeamTable from './TeamTable.vue';
import { globalReport, liveReport, teamReport } from '../../../test/report-fixtures';

const figures = (wrapper: ReturnType<typeof mount>) =>
  Object.fromEntries(
    wrapper.findAll('.figure').map((f) => [
      f.attributes('data-figure'),
      f
        .findAll('dd > span')
        .map((s) => s.text())
        .join(' '),
    ]),
  );

describe('report, Live tab', () => {
  const wrapper = mount(ReportView, { props: { report: liveReport() } });

  it('counts the last 24 hours: opens and clicks with uniques, unsubscribes', () => {
    expect(figures(wrapper)).toEqual({ opens: '3 2 unique', clicks: '1 1 unique', unsubscribes: '0' });
    expect(wrapper.find('h3').text()).toBe('Last 24 hours');
  });

  it('says the per-minute chart in words too', () => {
    const summary = wrapper.find('.chart [role="img"]').attributes('aria-label');
    expect(summary).toMatch(/^Opens and clicks per minute\. In all: opens 3, clicks 1\. Busiest: .+, opens 2, clicks 0\.$/);
  });

  it('says what will appear on a chart with nothing on it yet', () => {
    const quiet = mount(ReportView, { props: { report: liveReport({ series: liveReport().series.map((p) => ({ ...p, opens: 0, clicks: 0 })) }) } });
    expect(quiet.find('[data-testid="chart-empty"]').text()).toBe('Each open and click of the last 24 hours appears here, minute by minute, as it happens.');
    expect(wrapper.find('[data-testid="chart-empty"]').exists()).toBe(false);
  });

  it('lists clicks per link, and folds away the machine events it left out, with their reasons', () => {
    expect(wrapper.findAll('tr[data-url]').map((r) => r.text())).toEqual(['acme.example/pricing11']);
    const excluded = wrapper.find('details[data-testid="excluded"]');
    expect(excluded.attributes('open')).toBeUndefined();
    expect(excluded.find('summary').text()).toBe('Machine events excluded: 3');
    expect(excluded.findAll('tr').map((r) => r.text())).toEqual(['Your own opens and clicks2', 'Link checkers (HEAD requests)1']);
  });
});

describe('report, Global tab', () => {
  const wrapper = mount(ReportView, { props: { report: globalReport() } });

  it('shows sent, opens and clicks (total and unique), unsubscribes and the three rates', () => {
    expect(figures(wrapper)).toEqual({
      sent: '1,234 recipients',
      opens: '2,100 567 unique',
      clicks: '340 123 unique',
      unsubscribes: '4',
      'open-rate': '45.9% unique opens / sent',
      'click-rate': '10% unique clicks / sent',
      'click-to-open': '21.7% unique clicks / opens',
      'opt-outs': '2 opt-out page',
      'mirror-views': '11 in a browser',
    });
  });

  it('shows every link (clicked or not), the email clients, and first and last activity', () => {
    expect(wrapper.findAll('tr[data-url]').map((r) => r.attributes('data-url'))).toEqual([
      'https://acme.example/pricing',
      'https://acme.example/case-study?utm_source=beacon',
      'https://acme.example/unused',
    ]);
    // Beacon's own links and opt-out pages are named, never shown as a link to `{{unsubscribe_url}}`, and apart.
    expect(wrapper.findAll('tr[data-link-type]').map((r) => r.text().replace(/\s+/g, ' '))).toEqual([
      'Unsubscribe link55',
      'Mirror page link32',
      'Opt-out link: acme.example/preferences22',
    ]);
    expect(
      wrapper
        .findAll('a')
        .map((a) => a.attributes('href'))
        .filter((h) => h?.includes('{{')),
    ).toEqual([]);
    expect(wrapper.findAll('tr[data-url]').reduce((n, r) => n + Number(r.findAll('td')[1]!.text().replace(',', '')), 0)).toBe(340);
    expect(wrapper.findAll('[data-client]').map((c) => c.text())).toEqual(['Gmail1,500', 'Apple Mail450', 'Outlook150']);
    const times = wrapper.findAll('.activity time').map((t) => t.attributes('datetime'));
    expect(times).toEqual([globalReport().firstActivityAt, globalReport().lastActivityAt]);
  });

  it('explains known exclusion reasons and keeps unknown ones as sent', () => {
    expect(wrapper.findAll('details tr').map((r) => r.attributes('data-reason'))).toEqual(['prefetch:apple-mpp', 'bot', 'scanner:fast-click', 'proxy:yahoo-x']);
    expect(wrapper.find('details tr').text()).toBe('Apple Mail Privacy Protection (prefetch, not a read)230');
    expect(wrapper.find('details summary').text()).toBe('Machine events excluded: 257');
  });

  it('says "none yet" before any activity, and "None so far" with nothing excluded', () => {
    const quiet = mount(ReportView, { props: { report: globalReport({ firstActivityAt: null, lastActivityAt: null, excluded: {}, clients: [] }) } });
    expect(quiet.findAll('.activity > span').map((s) => s.text())).toEqual(['First activity: none yet', 'Last activity: none yet']);
    expect(quiet.find('details').text()).toContain('None so far.');
    expect(quiet.text()).toContain('No opens yet.');
  });
});

describe("manager's table per rep", () => {
  it('gives each rep their sent, opens, clicks and rates', () => {
    const report = teamReport();
    const wrapper = mount(TeamTable, { props: { users: report.users! } });
    expect(wrapper.findAll('tbody tr').map((r) => r.findAll('td').map((c) => c.text()))).toEqual([
      ['ann@acme.example', '1,000', '1,800', '300', '50%', '10%'],
      ['bob@acme.example', '234', '300', '40', '28.6%', '9.8%'],
    ]);
  });
});
