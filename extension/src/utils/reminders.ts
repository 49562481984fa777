import type { MessageSummary } from '@beacon/shared/api/messages';

export const DAY_MS = 86_400_000;
export const REMINDER_DAYS = { min: 1, max: 30, default: 3 } as const;
/** A message past its mark longer than this is not announced any more (turning reminders on brings no flood). */
export const ANNOUNCE_WITHIN_MS = 7 * DAY_MS;
/** At most this many reminders at one check. */
export const MAX_PER_CHECK = 10;

/** A tracked message of this sender, sent at least `days` ago, with no human open (a click counts as one). */
export function isNotOpened(m: MessageSummary, now: number, days: number, userId?: string): boolean {
  if (m.trackOpens === false || (userId && m.sender.id !== userId)) return false;
  return m.opens.total === 0 && m.clicks.total === 0 && Date.parse(m.sentAt) <= now - days * DAY_MS;
}

export interface ReminderDecision {
  /** Messages to announce now, oldest mark first: never one already announced. */
  notify: MessageSummary[];
  /** Every message to flag in the list. */
  flagged: MessageSummary[];
}

/** Which of the sender's messages are not opened after `days` days, and which of them to announce now. */
export function decideReminders(
  messages: MessageSummary[],
  opts: { now: number; days: number; userId?: string; notified: ReadonlySet<string> },
): ReminderDecision {
  const flagged = messages.filter((m) => isNotOpened(m, opts.now, opts.days, opts.userId));
  const notify = flagged
    .filter((m) => !opts.notified.has(m.id) && Date.parse(m.sentAt) + opts.days * DAY_MS > opts.now - ANNOUNCE_WITHIN_MS)
    .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt))
    .slice(0, MAX_PER_CHECK);
  return { notify, flagged };
}

/** The days setting as the options page may store it: a whole number within the bounds. */
export function clampDays(value: number): number {
  if (!Number.isFinite(value)) return REMINDER_DAYS.default;
  return Math.min(REMINDER_DAYS.max, Math.max(REMINDER_DAYS.min, Math.round(value)));
}
