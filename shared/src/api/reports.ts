import { z } from 'zod';
import { ClassificationSchema, CountsSchema, EventKindSchema, IdSchema } from './common.ts';

export const REPORT_SCOPES = ['live', 'global'] as const;
export const ReportScopeSchema = z.enum(REPORT_SCOPES);
export type ReportScope = z.infer<typeof ReportScopeSchema>;

/**
 * A link's row in a report. `tracked` links make the Clicks total (their rows add up to it); the others are listed
 * apart: `unsubscribe` is `{{unsubscribe_url}}` (Beacon's page), `mirror` a link to the mirror page, `optout` a link
 * marked Opt out (the brand's own opt-out or preferences page, counted in `optOuts`).
 */
export const REPORT_LINK_TYPES = ['tracked', 'optout', 'mirror', 'unsubscribe'] as const;
export const ReportLinkSchema = z.object({
  url: z.string(),
  type: z.enum(REPORT_LINK_TYPES),
  clicks: z.number().int(),
  uniqueClicks: z.number().int(),
});
export type ReportLink = z.infer<typeof ReportLinkSchema>;

export const ReportSchema = z.object({
  scope: ReportScopeSchema,
  window: z.object({ from: z.string(), to: z.string() }),
  sent: z.number().int().nonnegative(),
  opens: CountsSchema,
  clicks: CountsSchema,
  unsubscribes: z.number().int().nonnegative(),
  /** People who clicked a link marked Opt out (the brand's own opt-out page). */
  optOuts: z.number().int().nonnegative(),
  /** Views of the mirror page ("view in browser"); never counted as opens. */
  mirrorViews: z.number().int().nonnegative(),
  rates: z.object({ open: z.number(), click: z.number(), clickToOpen: z.number() }),
  links: z.array(ReportLinkSchema),
  /** Per minute for live, hourly then daily for global; `t` is the bucket start. */
  series: z.array(z.object({ t: z.string(), opens: z.number().int(), clicks: z.number().int() })),
  bucket: z.enum(['minute', 'hour', 'day']),
  clients: z.array(z.object({ name: z.string(), opens: z.number().int() })),
  /** Machine events left out of the counts, by reason (`bot`, `scanner:head`, `prefetch:apple-mpp` ...). */
  excluded: z.record(z.string(), z.number().int()),
  firstActivityAt: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  /**
   * The first and last human open of the pixel, of all time in either scope (a first open is a fact of the message,
   * not of a window). A click's implied open is not one: `opens` may count an open these do not date.
   */
  firstOpenAt: z.string().nullable(),
  lastOpenAt: z.string().nullable(),
  /** Managers and admins over the workspace: one row per sender. */
  users: z
    .array(
      z.object({
        userId: IdSchema,
        email: z.string(),
        sent: z.number().int(),
        opens: CountsSchema,
        clicks: CountsSchema,
        unsubscribes: z.number().int(),
      }),
    )
    .optional(),
});
export type Report = z.infer<typeof ReportSchema>;

/** One event on `GET /api/stream` (Server-Sent Events, `event: hit`). */
export const StreamEventSchema = z.object({
  id: z.string(),
  messageId: IdSchema,
  subject: z.string(),
  kind: EventKindSchema,
  classification: ClassificationSchema,
  at: z.string(),
  url: z.string().optional(),
  recipient: z.string().optional(),
  /** True for the message's first human open, so notifications need no extra request. */
  firstOpen: z.boolean(),
});
export type StreamEvent = z.infer<typeof StreamEventSchema>;
