import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import MessageReport from './MessageReport.vue';
import OverviewReport from './OverviewReport.vue';
import { useLiveStore } from '../../stores/live';
import { LIST_MESSAGE, withFixtureCollector, type FixtureCollector } from '../../../test/fixture-collector';
import { hit, messageId } from '../../../test/report-fixtures';
import { untilRendered } from '../../../test/wait-until';

let collector: FixtureCollector;
withFixtureCollector((c) => (collector = c));
const until = untilRendered;
const opens = (wrapper: ReturnType<typeof mount>) => wrapper.find('[data-figure="opens"] .value').text();

describe("a message's report", () => {
  const id = messageId(1);

  it('shows the message and its Live report, and Global on its tab', async () => {
    const wrapper = mount(MessageReport, { props: { id, scope: 'live' } });
    await nextTick();
    expect(wrapper.find('[data-state="loading"]').exists()).toBe(true);
    await until(() => wrapper.find('.report').exists());
    expect(wrapper.find('h2').text()).toBe('Proposal 1');
    expect(wrapper.find('.meta').text()).toContain('To Buyer 1');
    expect(wrapper.find('.report').attributes('data-scope')).toBe('live');
    expect(wrapper.find('[role="tab"][aria-selected="true"]').text()).toBe('Live');
    await wrapper.setProps({ scope: 'global' });
    await until(() => wrapper.find('.report[data-scope="global"]').exists());
    expect(wrapper.find('[data-figure="open-rate"]').exists()).toBe(true);
    expect(collector.requests.filter((r) => r.includes('/reports/'))).toEqual([`/api/messages/${id}/reports/live`, `/api/messages/${id}/reports/global`]);
  });

  it('follows new events for this message with one request per burst, and ignores other messages', async () => {
    const wrapper = mount(MessageReport, { props: { id, scope: 'live' } });
    await until(() => wrapper.find('.report').exists());
    expect(opens(wrapper)).toBe('3');
    const before = collector.requests.length;
    const live = useLiveStore();
    live.receive({ type: 'hit', event: hit({ messageId: messageId(2) }) });
    await new Promise((r) => setTimeout(r, 400));
    expect(collector.requests.length).toBe(before);
    collector.opens.set(1, 4);
    const started = Date.now();
    for (let i = 0; i < 20; i++) live.receive({ type: 'hit', event: hit({ id: `b${i}` }) });
    await until(() => opens(wrapper) === '4');
    expect(Date.now() - started).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 300));
    expect(collector.requests.filter((r) => r.endsWith('/reports/live')).length).toBe(2); // first load + one refresh
  });

  it('keeps the figures on screen when a refresh fails', async () => {
    const wrapper = mount(MessageReport, { props: { id, scope: 'live' } });
    await until(() => wrapper.find('.report').exists());
    collector.failWith = 503;
    useLiveStore().receive({ type: 'hit', event: hit() });
    await new Promise((r) => setTimeout(r, 500));
    expect(opens(wrapper)).toBe('3');
    expect(wrapper.find('[data-state="error"]').exists()).toBe(false);
  });
});

describe('the report over all messages', () => {
  it('explains a collector error and retries', async () => {
    collector.failWith = 503;
    const wrapper = mount(OverviewReport, { props: { scope: 'global', role: 'rep' } });
    await until(() => wrapper.find('[data-state="error"]').exists());
    expect(wrapper.find('[data-state="error"]').text()).toContain('database is down');
    collector.failWith = null;
    await wrapper.find('[data-state="error"] button.primary').trigger('click');
    await until(() => wrapper.find('.report').exists());
    expect(wrapper.find('h2').text()).toBe('All your messages');
    expect(collector.requests.at(-1)).toBe('/api/reports/global');
  });
});

describe("a list campaign's report", () => {
  const figure = (wrapper: ReturnType<typeof mount>, key: string) => wrapper.find(`[data-figure="${key}"]`);

  it('shows Recipients reached, no rates without an audience size, and who opened and clicked', async () => {
    const wrapper = mount(MessageReport, { props: { id: messageId(LIST_MESSAGE), scope: 'global' } });
    await until(() => wrapper.find('.list-recipients tbody tr').exists());
    expect(wrapper.find('.meta').text()).toContain('To a list');
    expect(figure(wrapper, 'reached').text()).toContain('2');
    expect(figure(wrapper, 'sent').exists()).toBe(false);
    expect(figure(wrapper, 'open-rate').exists()).toBe(false);
    const rows = wrapper.findAll('.list-recipients tbody tr').map((row) => row.findAll('td').map((td) => td.text() !== '—'));
    expect(wrapper.findAll('.list-recipients tbody tr').map((row) => row.attributes('data-email'))).toEqual(['ann@list.example', 'bob@list.example']);
    expect(rows).toEqual([
      [true, true, true],
      [true, true, false],
    ]);
  });

  it('shows rates over the audience size when the sender gave it', async () => {
    collector.audienceSize = 4;
    const wrapper = mount(MessageReport, { props: { id: messageId(LIST_MESSAGE), scope: 'global' } });
    await until(() => figure(wrapper, 'reach-rate').exists());
    expect(figure(wrapper, 'reached').text()).toContain('of 4');
    expect(figure(wrapper, 'reach-rate').text()).toContain('50%');
    expect(figure(wrapper, 'open-rate').exists()).toBe(true);
  });
});
