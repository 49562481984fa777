/**
 * A scheduled send's time may lie this far in the past (the sender's clock and the collector's differ, and the
 * user takes a moment to confirm) and at most this far ahead (Gmail and Outlook schedule up to a year or so).
 * Here, not in api/messages.ts, so the composer script can use them without zod (its size budget).
 */
export const SCHEDULE_SKEW_MS = 5 * 60_000;
export const SCHEDULE_HORIZON_MS = 400 * 86_400_000;
