import { storage } from 'wxt/utils/storage';
import type { Me } from '@beacon/shared/api/me';

/** Every durable piece of extension state, declared once. The service worker can be evicted at any time. */

/** Collector origin, e.g. `https://beacon.example.com` (no trailing slash). */
export const collectorUrlItem = storage.defineItem<string>('local:collectorUrl', { fallback: '' });

/** The API token. Read only by the background: content scripts never see it. */
export const apiTokenItem = storage.defineItem<string>('local:apiToken', { fallback: '' });

/** Who is signed in (from GET /api/me); null when signed out. Content scripts watch it for the toolbar state. */
export const accountItem = storage.defineItem<Me | null>('local:account', { fallback: null });

export interface TrackingDefaults {
  trackOpens: boolean;
  trackClicks: boolean;
}
/** Defaults for the per-message "Track opens" / "Track clicks" switches (set in the options). */
export const trackingDefaultsItem = storage.defineItem<TrackingDefaults>('local:trackingDefaults', {
  fallback: { trackOpens: true, trackClicks: true },
});

/** Origins (`https://app.esp.example`) where the user enabled Beacon's ESP editor support. */
export const espSitesItem = storage.defineItem<string[]>('local:espSites', { fallback: [] });

export interface EspSiteSettings {
  /** The ESP's merge tag for a recipient's address (`*|EMAIL|*`): list campaigns count opens and clicks per address. */
  recipientTag: string;
}
/** Per enabled ESP site (by origin); a site without an entry uses the default for its ESP (features/recipient-tag.ts). */
export const espSiteSettingsItem = storage.defineItem<Record<string, EspSiteSettings>>('local:espSiteSettings', { fallback: {} });

export interface AppliedDraft {
  key: string;
  messageId: string;
  tracked: Record<string, string>;
  pixelUrl?: string;
  links: number;
  at: number;
}
/**
 * ESP drafts Beacon tracked in place, by page (`origin + path`): the ESP saves the tracked draft, so when the page
 * is opened again Beacon knows it and updates that message instead of registering a second one.
 */
export const appliedDraftsItem = storage.defineItem<Record<string, AppliedDraft>>('local:appliedDrafts', { fallback: {} });

/** Origins whose `/o/` pixel this browser must not load (the collector, and the public URL its pixels use). */
export const pixelOriginsItem = storage.defineItem<string[]>('local:pixelOrigins', { fallback: [] });

/** Browser notifications for a message's first human open and each click (options). */
export const notificationsEnabledItem = storage.defineItem<boolean>('local:notificationsEnabled', { fallback: true });

/** Human opens and clicks since the popup was last opened: the toolbar badge. */
export const unseenActivityItem = storage.defineItem<number>('local:unseenActivity', { fallback: 0 });

/** The last event read from the collector's stream, sent as Last-Event-ID when the service worker reconnects. */
export const lastStreamEventIdItem = storage.defineItem<string>('local:lastStreamEventId', { fallback: '' });

export interface PendingForget {
  key: string;
  /** Where and as whom it was registered: keys belong to their sender, whoever is signed in by the time it goes. */
  credentials: { collectorUrl: string; token: string };
  since: number;
}
/** Registrations to withdraw (their sends went out untracked or not at all), until the collector confirms. */
export const pendingForgetsItem = storage.defineItem<PendingForget[]>('local:pendingForgets', { fallback: [] });

/**
 * Mailbox threads (`gmail:<thread id>`, `outlook:<conversation id>`) and the tracked messages seen in them, oldest
 * first: a Sent list row has no body to read tokens from, so its marks come from what its open thread showed.
 */
export const mailboxThreadsItem = storage.defineItem<Record<string, string[]>>('local:mailboxThreads', { fallback: {} });

export interface SentRecord {
  id: string;
  subject: string;
  /** Lower-cased addresses. */
  to: string[];
  at: number;
}
/** What this browser registered lately (newest last): a Sent list row whose thread was never open is matched to it. */
export const sentRecordsItem = storage.defineItem<SentRecord[]>('local:sentRecords', { fallback: [] });
