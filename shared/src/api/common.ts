import { z } from 'zod';

export const IsoDateSchema = z.iso.datetime({ offset: true });
export const IdSchema = z.uuid();

export const TRACKING_TYPES = ['tracked', 'optout', 'mirror', 'never'] as const;
export const TrackingTypeSchema = z.enum(TRACKING_TYPES);
export type TrackingType = z.infer<typeof TrackingTypeSchema>;

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
