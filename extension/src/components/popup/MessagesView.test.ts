import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import MessagesView from './MessagesView.vue';
import { useLiveStore } from '../../stores/live';
import { withFixtureCollector, TOTAL_MESSAGES, type FixtureCollector } from '../../../test/fixture-collector';
import { collectorUrlItem } from '../../utils/storage';
import { hit } from '../../../test/report-fixtures';
import { untilRendered } from '../../../test/wait-until';

let collector: FixtureCollector;
withFixtureCollector((c) => (collector = c));
const until = untilRendered;

function open() {
  return mount(MessagesView, { props: { role: 'rep' } });
}

describe('recent messages, through the background', () => {
  it('shows a loading state, then the first page newest first, and the next page on "Load more"', async () => {
    const wrapper = open();
    await nextTick();
    expect(wrapper.find('[data-state="loading"]').text()).toContain('Loading your messages');
    await until(() => wrapper.findAll('li.message').length > 0);
    expect(
      wrapper
        .findAll('li .subject')
        .map((s) => s.text())
        .slice(0, 3),
    ).toEqual(['Proposal 1', 'Proposal 2', 'Proposal 3']);
    expect(wrapper.findAll('li.message')).toHaveLength(20);
    expect(collector.requests).toEqual(['/api/messages?limit=20']);
    for (const expected of [40, TOTAL_MESSAGES]) {
      await wrapper.find('.more button').trigger('click');
      await until(() => wrapper.findAll('li.message').length === expected);
    }
    expect(collector.requests.slice(1)).toEqual(['/api/messages?limit=20&cursor=21', '/api/messages?limit=20&cursor=41']);
    expect(wrapper.find('.more').exists()).toBe(false);
  });

  it('searches as the user types, once they pause, and says when nothing matches', async () => {
    const wrapper = open();
    await until(() => wrapper.findAll('li.message').length > 0);
    await wrapper.find('input[type="search"]').setValue('Proposal 4');
    await until(() => wrapper.findAll('li.message').length === 1 + 10 - 4); // 4, 40..45
    expect(collector.requests.at(-1)).toBe('/api/messages?limit=20&q=Proposal+4');
    expect(collector.requests).toHaveLength(2);
    await wrapper.find('input[type="search"]').setValue('zebra');
    await until(() => wrapper.find('[data-state="empty"]').exists());
    expect(wrapper.find('[data-state="empty"]').text()).toContain('No messages match “zebra”');
  });

  it('says what to do when the collector cannot be reached, and loads again on "Try again"', async () => {
    const url = collector.url;
    await collectorUrlItem.setValue('http://127.0.0.1:9');
    const wrapper = open();
    await until(() => wrapper.find('[data-state="error"]').exists());
    expect(wrapper.find('[data-state="error"]').text()).toContain('Cannot reach the collector');
    expect(wrapper.find('[data-state="error"]').text()).toContain('Check that it is running, or change its address in Options.');
    await collectorUrlItem.setValue(url);
    await wrapper.find('[data-state="error"] button.primary').trigger('click');
    await until(() => wrapper.findAll('li.message').length === 20);
  });

  it("updates a row's counts when the background reports a new event for it", async () => {
    const wrapper = open();
    await until(() => wrapper.findAll('li.message').length > 0);
    const row = () => wrapper.find(`li[data-message-id="${hit().messageId}"] [data-testid="opens"]`);
    expect(row().text()).toBe('1');
    collector.opens.set(1, 7);
    const live = useLiveStore();
    for (let i = 0; i < 10; i++) live.receive({ type: 'hit', event: hit({ id: `e${i}` }) });
    await until(() => row().text() === '7');
    const detailRequests = collector.requests.filter((r) => r.startsWith('/api/messages/'));
    expect(detailRequests).toEqual([`/api/messages/${hit().messageId}`]); // ten events, one request
  });
});
