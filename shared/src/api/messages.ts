import { z } from 'zod';
import { CountsSchema, IdSchema, PixelFormSchema, SourceSchema, TrackingTypeSchema } from './common.ts';

export const MAX_HTML_BYTES = 5 * 1024 * 1024;
/**
 * Most links one message may have (each `href`, repeats included; a newsletter has a few hundred), and the longest
 * address a link may have (a tracked link carries its destination, so a longer one makes an unwieldy URL). Over
 * them, registration answers 413 and 400 naming the link, so bounded work serves each request.
 */
export const MAX_LINKS = 2000;
export const MAX_LINK_URL_CHARS = 8192;

export const RecipientSchema = z.object({
  email: z.email().max(320),
  name: z.string().max(200).optional(),
});
export type Recipient = z.infer<typeof RecipientSchema>;

export const LinkOverrideSchema = z.object({ url: z.string().max(8192), type: TrackingTypeSchema });
export type LinkOverride = z.infer<typeof LinkOverrideSchema>;

export const CreateMessageRequestSchema = z
  .object({
    subject: z.string().max(998),
    recipients: z.array(RecipientSchema).max(1000),
    html: z.string().max(MAX_HTML_BYTES),
    trackOpens: z.boolean().default(true),
    trackClicks: z.boolean().default(true),
    links: z.array(LinkOverrideSchema).max(5000).optional(),
    source: SourceSchema.default('api'),
    /**
     * An ESP campaign sent to a list: the ESP's merge tag for each recipient's address (`*|EMAIL|*`), carried as
     * `r=` on the pixel and on every tracked link, so opens and clicks are told apart per recipient.
     */
    recipientTag: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^"'<>\s]+(?: [^"'<>\s]+)*$/, 'a merge tag without quotes or angle brackets')
      .optional(),
    /** How many addresses the list has, when the sender knows it: rates are shown only then. */
    audienceSize: z.number().int().min(1).max(100_000_000).optional(),
    /** Absent means `auto`; left out rather than defaulted so requests made before it existed hash alike (Idempotency-Key). */
    pixelForm: PixelFormSchema.optional(),
    /**
     * When the host will send it (Gmail's Schedule send, Outlook's Send later): the message's sent time in reports,
     * tokens and the scanner window, instead of the time of registration. An ISO time with an offset.
     */
    scheduledAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((m) => m.recipients.length > 0 || m.source === 'esp', {
    path: ['recipients'],
    message: 'at least one recipient (only an ESP campaign, sent to a list, may have none)',
  });
export type CreateMessageRequest = z.input<typeof CreateMessageRequestSchema>;

/**
 * `Idempotency-Key` request header of POST /api/messages: a UUID the client makes once per message and sends with
 * every attempt to register it. A repeat from the same user gets the message the first attempt made (same id,
 * HTML and links; `Idempotent-Replayed: true`) instead of a second one; the same key with another body, or after
 * the key was withdrawn (DELETE /api/messages/by-key/{key}), is refused with 409 `conflict`. Without it, every
 * request registers a new message.
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';
export const IdempotencyKeySchema = z.uuid();

export const MessageLinkSchema = z.object({
  url: z.string(),
  type: TrackingTypeSchema,
  count: z.number().int().positive(),
  trackedUrl: z.string().optional(),
  /** Why a link is not tracked (mailto, fragment, invalid URL ...), for the Links panel. */
  reason: z.string().optional(),
});
export type MessageLink = z.infer<typeof MessageLinkSchema>;

export const WarningSchema = z.object({ code: z.string(), message: z.string() });
export type Warning = z.infer<typeof WarningSchema>;

export const CreateMessageResponseSchema = z.object({
  id: IdSchema,
  html: z.string(),
  links: z.array(MessageLinkSchema),
  pixelUrl: z.string().optional(),
  mirrorUrl: z.string(),
  unsubscribeUrl: z.string(),
  /** Unresolvable expressions, merge tags in unsafe places, several recipients sharing one pixel ... */
  warnings: z.array(WarningSchema),
});
export type CreateMessageResponse = z.infer<typeof CreateMessageResponseSchema>;

export const MessageSummarySchema = z.object({
  id: IdSchema,
  subject: z.string(),
  recipients: z.array(RecipientSchema),
  source: SourceSchema,
  sentAt: z.string(),
  sender: z.object({ id: IdSchema, email: z.string() }),
  opens: CountsSchema,
  clicks: CountsSchema,
  unsubscribes: z.number().int().nonnegative(),
  lastActivityAt: z.string().nullable(),
  /** Whether opens are tracked (reminders ask about unopened messages only where they can know). */
  trackOpens: z.boolean().optional(),
});
export type MessageSummary = z.infer<typeof MessageSummarySchema>;

export const MessageListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
});

export const MessageListSchema = z.object({
  items: z.array(MessageSummarySchema),
  nextCursor: z.string().nullable(),
});
export type MessageList = z.infer<typeof MessageListSchema>;

export const MessageDetailSchema = MessageSummarySchema.extend({
  trackOpens: z.boolean(),
  trackClicks: z.boolean(),
  links: z.array(MessageLinkSchema),
  mirrorUrl: z.string(),
});
export type MessageDetail = z.infer<typeof MessageDetailSchema>;

/** One recipient of a list campaign, known through the ESP's merge tag, and when they first opened or clicked. */
export const MessageRecipientSchema = z.object({
  email: z.string(),
  openedAt: z.string().nullable(),
  clickedAt: z.string().nullable(),
});
export type MessageRecipient = z.infer<typeof MessageRecipientSchema>;

/** GET /api/messages/{id}/recipients: who opened and who clicked (the sender, and managers). */
export const MessageRecipientsSchema = z.object({
  audienceSize: z.number().int().positive().nullable(),
  /** Distinct known recipients who opened or clicked. */
  reached: z.number().int().nonnegative(),
  /** Reached / audience size, only when the audience size is known. */
  reachRate: z.number().nullable(),
  recipients: z.array(MessageRecipientSchema),
});
export type MessageRecipients = z.infer<typeof MessageRecipientsSchema>;
