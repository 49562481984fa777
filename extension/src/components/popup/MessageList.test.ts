import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import MessageList from './MessageList.vue';
import { ANN, BOB, NOW, messagePage } from '../../../test/report-fixtures';

describe('recent messages list', () => {
  const page = messagePage(1, 4, null);

  it('shows subject, recipients, when sent, human opens and clicks, and the last activity, in the order given', () => {
    const wrapper = mount(MessageList, { props: { items: page.items, showSender: false, now: NOW } });
    const rows = wrapper.findAll('li.message');
    expect(rows.map((r) => r.find('.subject').text())).toEqual(['Proposal 1', 'Proposal 2', 'Proposal 3', 'Proposal 4']);
    const first = rows[0]!;
    expect(first.find('.to').text()).toBe('To Buyer 1');
    expect(first.find('time').text()).toBe('Sent 1 hr. ago');
    expect(first.find('time').attributes('datetime')).toBe(page.items[0]!.sentAt);
    expect([first.find('.opens').text(), first.find('.clicks').text()]).toEqual(['1 open', '1 click']);
    expect(first.find('.last').text()).toBe('Last activity 30 min. ago');
    expect(rows[3]!.find('.last').text()).toBe('No activity yet');
    expect([rows[2]!.find('.opens').text(), rows[2]!.find('.clicks').text()]).toEqual(['3 opens', '0 clicks']);
  });

  it("names the sender only for a manager's view of the team", () => {
    expect(mount(MessageList, { props: { items: page.items, showSender: false, now: NOW } }).text()).not.toContain('from ann@acme.example');
    expect(
      mount(MessageList, { props: { items: page.items, showSender: true, now: NOW } })
        .find('.to')
        .text(),
    ).toBe('To Buyer 1 · from ann@acme.example');
  });

  it('opens the report of the message clicked', async () => {
    const wrapper = mount(MessageList, { props: { items: page.items, showSender: false, now: NOW } });
    await wrapper.findAll('button.row')[1]!.trigger('click');
    expect(wrapper.emitted('open')).toEqual([[page.items[1]!.id]]);
  });

  it('flags my messages not opened after N days when reminders are on, inside the row a screen reader reads', () => {
    const items = [...page.items, ...messagePage(12, 1, null).items]; // Proposal 12: no open, no click
    const later = NOW + 4 * 86_400_000;
    const flags = (reminder: { days: number; userId?: string } | null, now = later) =>
      mount(MessageList, { props: { items, showSender: false, now, reminder } }).findAll('[data-testid="not-opened"]');
    const shown = flags({ days: 3, userId: ANN });
    expect(shown.map((f) => f.text())).toEqual(['⚑ Not opened after 3 days']); // the flag's sign is hidden from screen readers
    expect(shown[0]!.element.closest('button.row')?.textContent).toContain('Proposal 12');
    expect(flags({ days: 1, userId: ANN })[0]!.text()).toBe('⚑ Not opened after 1 day');
    expect(flags(null)).toHaveLength(0); // reminders off
    expect(flags({ days: 3, userId: BOB })).toHaveLength(0); // a teammate's message
    expect(flags({ days: 5, userId: ANN })).toHaveLength(0); // not yet 5 days
  });

  it('says a scheduled message is scheduled, not sent, until its time', () => {
    const scheduled = { ...page.items[0]!, sentAt: new Date(NOW + 2 * 3_600_000).toISOString() };
    const row = mount(MessageList, { props: { items: [scheduled], showSender: false, now: NOW } }).find('time');
    expect(row.text()).toBe('Scheduled in 2 hr.');
    expect(
      mount(MessageList, { props: { items: [scheduled], showSender: false, now: NOW + 3 * 3_600_000 } })
        .find('time')
        .text(),
    ).toBe('Sent 1 hr. ago');
  });
});
