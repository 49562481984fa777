import { describe as group, expect, it } from 'vitest';
import type { MessageStatus } from '@beacon/shared/api/message-status';
import { format } from '../popup/format';
import { describe } from './mailbox-mark';

const OPEN = '2030-06-01T09:05:00.000Z';
const CLICK = '2030-06-01T11:40:00.000Z';
const status = (over: Partial<MessageStatus>): MessageStatus => ({
  id: '00000000-0000-4000-8000-000000000001',
  sentAt: '2030-06-01T09:00:00.000Z',
  trackOpens: true,
  trackClicks: true,
  opens: 0,
  clicks: 0,
  lastActivityAt: null,
  lastOpenAt: null,
  ...over,
});

group("the mark's hover text", () => {
  it('dates an opened message by its last open', () => {
    expect(describe(status({ opens: 2, lastOpenAt: OPEN, lastActivityAt: OPEN }))).toBe(`Opened 2 times · Last opened ${format.dateTime(OPEN)}`);
  });

  it('keeps the last open when a click came after it, and says the click as the last activity', () => {
    expect(describe(status({ opens: 1, clicks: 1, lastOpenAt: OPEN, lastActivityAt: CLICK }))).toBe(
      `Opened 1 time · Clicked 1 time · Last opened ${format.dateTime(OPEN)} · Last activity ${format.dateTime(CLICK)}`,
    );
  });

  it('says the last activity alone when no pixel dated an open (a click counted as one)', () => {
    expect(describe(status({ opens: 1, clicks: 1, lastActivityAt: CLICK }))).toBe(`Opened 1 time · Clicked 1 time · Last activity ${format.dateTime(CLICK)}`);
    expect(describe(status({}))).toBe('Sent, not opened yet');
  });
});
