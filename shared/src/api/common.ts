import { z } from 'zod';

export const IsoDateSchema = z.iso.datetime({ offset: true });
export const IdSchema = z.uuid();

export const TRACKING_TYPES = ['tracked', 'optout', 'mirror', 'never'] as const;
export const TrackingTypeSchema = z.enum(TRACKING_TYPES);
export type TrackingType = z.infer<typeof TrackingTypeSchema>;

export const PIXEL_FORMS = ['auto', 'image', 'background'] as const;
/** The trade-off between the open pixel's forms, also the API document's description of the field. */
export const PixelFormSchema = z
  .enum(PIXEL_FORMS)
  .describe(
    'How the open pixel is written. `image`: an <img>, loaded by every client that shows images; in a message with ' +
      "no other image and little HTML it trips SpamAssassin's HTML_IMAGE_ONLY_* rules (up to 2.8 points). " +
      '`background`: a 1x1 table with the pixel as its background attribute, plus an <img> inside <!--[if mso]> for ' +
      'Outlook for Windows, which ignores backgrounds; trips no rule, but is not loaded by the Gmail app for ' +
      'non-Google accounts, nor by Outlook for Windows if the composer drops HTML comments. `auto` (the default): ' +
      '`image` when the message already shows an image (the rule then already applies, so it costs nothing), else ' +
      '`background`.',
  );
export type PixelForm = z.infer<typeof PixelFormSchema>;

export const SOURCES = ['gmail', 'outlook', 'esp', 'api'] as const;
export const SourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof SourceSchema>;

export const ROLES = ['rep', 'manager', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** What a tracked hit is judged to be; reports count `human` and list the rest by reason. */
export const CLASSIFICATIONS = ['human', 'bot', 'prefetch', 'proxy', 'scanner', 'self'] as const;
export const ClassificationSchema = z.enum(CLASSIFICATIONS);
export type Classification = z.infer<typeof ClassificationSchema>;

export const EVENT_KINDS = ['open', 'click', 'unsubscribe', 'mirror'] as const;
export const EventKindSchema = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKindSchema>;

export const CountsSchema = z.object({ total: z.number().int().nonnegative(), unique: z.number().int().nonnegative() });
export type Counts = z.infer<typeof CountsSchema>;
