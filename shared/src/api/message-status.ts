import { z } from 'zod';
import { IdSchema } from './common.ts';

/** A page of the mailbox (Gmail shows 50 rows, Outlook about as many) in one request, with room for a thread's messages. */
export const MAX_STATUS_LOOKUPS = 100;
/** The collector's signed tokens are at most this long (a click token carries its destination URL). */
export const MAX_STATUS_TOKEN_CHARS = 16_384;

/**
 * POST /api/messages/status: what a mailbox page shows of the messages it lists. `tokens` are read from a rendered
 * body (the open pixel's or a tracked link's token), `ids` from what the extension learned before. Unknown, forged
 * and other people's messages are simply absent from the answer.
 */
export const MessageStatusRequestSchema = z
  .object({
    tokens: z.array(z.string().min(1).max(MAX_STATUS_TOKEN_CHARS)).max(MAX_STATUS_LOOKUPS).default([]),
    ids: z.array(IdSchema).max(MAX_STATUS_LOOKUPS).default([]),
  })
  .refine((r) => r.tokens.length + r.ids.length <= MAX_STATUS_LOOKUPS, {
    message: `at most ${MAX_STATUS_LOOKUPS} tokens and ids together`,
    path: ['ids'],
  });
export type MessageStatusRequest = z.input<typeof MessageStatusRequestSchema>;

/** One tracked message's marks: sent (✓), opened (✓✓ and the count), clicked. Counts are humans' only, all time. */
export const MessageStatusSchema = z.object({
  id: IdSchema,
  sentAt: z.string(),
  trackOpens: z.boolean(),
  trackClicks: z.boolean(),
  opens: z.number().int().nonnegative(),
  clicks: z.number().int().nonnegative(),
  /** The last human open, click, unsubscribe or mirror view: the report's `lastActivityAt`. */
  lastActivityAt: z.string().nullable(),
  /** The last human open of the pixel (a click's implied open is not one): the report's `lastOpenAt`. */
  lastOpenAt: z.string().nullable(),
});
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

export const MessageStatusListSchema = z.object({
  messages: z.array(MessageStatusSchema),
  /** Each genuine token asked about whose message is in `messages`, and that message's id. */
  tokens: z.record(z.string(), IdSchema),
});
export type MessageStatusList = z.infer<typeof MessageStatusListSchema>;
