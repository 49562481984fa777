import { SCHEDULE_HORIZON_MS, SCHEDULE_SKEW_MS } from '@beacon/shared/schedule';
import { fail } from '../http/errors.ts';

/** Tokens carry whole seconds. */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/**
 * A new registration's scheduled time must be to come (within the clocks' skew) and within the horizon. The prepare
 * thread checks first with a past as long as the horizon (a repeat of an earlier registration may come after its
 * time; the tokens cannot carry a time beyond 2106), the registration then strictly, for a new message only.
 */
export function checkScheduledAt(sentAt: number, now: number, skewMs: number = SCHEDULE_SKEW_MS): void {
  if (sentAt < now - skewMs) {
    fail('validation_failed', 'scheduledAt: the time is past; a message is scheduled for a time to come', 'scheduledAt');
  }
  if (sentAt > now + SCHEDULE_HORIZON_MS) {
    fail('validation_failed', `scheduledAt: at most ${SCHEDULE_HORIZON_MS / 86_400_000} days ahead`, 'scheduledAt');
  }
}
