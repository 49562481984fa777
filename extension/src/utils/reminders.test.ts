import { describe, expect, it } from 'vitest';
import type { MessageSummary } from '@beacon/shared/api/messages';
import { clampDays, DAY_MS, decideReminders, isNotOpened, MAX_PER_CHECK } from './reminders';

const NOW = Date.UTC(2026, 11, 6, 12);
const ME = '00000000-0000-4000-8000-000000000001';
function message(id: string, daysAgo: number, over: Partial<MessageSummary> = {}): MessageSummary {
  return {
    id,
    subject: `Message ${id}`,
    recipients: [{ email: 'buyer@client.example' }],
    source: 'gmail',
    sentAt: new Date(NOW - daysAgo * DAY_MS).toISOString(),
    sender: { id: ME, email: 'me@acme.example' },
    opens: { total: 0, unique: 0 },
    clicks: { total: 0, unique: 0 },
    unsubscribes: 0,
    lastActivityAt: null,
    trackOpens: true,
    ...over,
  };
}

describe('reminders for messages not opened', () => {
  it('flags a tracked message of mine with no open or click once N days have passed, and no other', () => {
    const list = [
      message('a', 3.1),
      message('b', 2.9), // not yet 3 days
      message('c', 5, { opens: { total: 1, unique: 1 } }),
      message('d', 5, { clicks: { total: 1, unique: 1 } }), // a click means it was read
      message('e', 5, { trackOpens: false }), // opens not tracked: nobody can tell
      message('f', 5, { sender: { id: '00000000-0000-4000-8000-000000000002', email: 'ann@acme.example' } }),
      message('g', -2), // scheduled for later
    ];
    const { flagged, notify } = decideReminders(list, { now: NOW, days: 3, userId: ME, notified: new Set() });
    expect(flagged.map((m) => m.id)).toEqual(['a']);
    expect(notify.map((m) => m.id)).toEqual(['a']);
    expect(isNotOpened(message('b', 2.9), NOW, 2, ME)).toBe(true);
  });

  it('announces a message once: one already announced is flagged but not announced again', () => {
    const list = [message('a', 4), message('b', 6)];
    const { flagged, notify } = decideReminders(list, { now: NOW, days: 3, userId: ME, notified: new Set(['a']) });
    expect(flagged.map((m) => m.id)).toEqual(['a', 'b']);
    expect(notify.map((m) => m.id)).toEqual(['b']);
  });

  it('does not flood when turned on: marks passed over a week ago are flagged only, and a check announces at most a few', () => {
    const old = decideReminders([message('old', 3 + 8)], { now: NOW, days: 3, notified: new Set() });
    expect(old.flagged).toHaveLength(1);
    expect(old.notify).toHaveLength(0);
    const many = Array.from({ length: 25 }, (_, i) => message(`m${i}`, 3 + i / 10));
    const { notify } = decideReminders(many, { now: NOW, days: 3, notified: new Set() });
    expect(notify).toHaveLength(MAX_PER_CHECK);
    expect(notify[0]!.id).toBe('m24'); // the oldest mark first
  });

  it('keeps the days setting a whole number from 1 to 30', () => {
    expect([clampDays(0), clampDays(3.4), clampDays(99), clampDays(Number.NaN)]).toEqual([1, 3, 30, 3]);
  });
});
