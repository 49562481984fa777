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

export interface ReminderSettings {
  enabled: boolean;
  /** After how many days without an open (1–30). */
  days: number;
}
/** "Tell me when a tracked message is not opened after N days" (options): off until the user turns it on. */
export const reminderSettingsItem = storage.defineItem<ReminderSettings>('local:reminderSettings', { fallback: { enabled: false, days: 3 } });

/** Messages already reminded of (id → when), so none is announced twice. */
export const remindedMessagesItem = storage.defineItem<Record<string, number>>('local:remindedMessages', { fallback: {} });

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
export interface ScheduledRegistration {
  key: string;
  /** When the host sends it (epoch ms): past it, a cancel can no longer withdraw it. */
  at: number;
  /** Its pixel and tracked links, which the scheduled message's body shows. */
  urls: string[];
  /** Each tracked link's URL as written, and the pixel: a cancelled draft reopened gets them back. */
  tracked: Record<string, string>;
  pixelUrl?: string;
  /** When it was cancelled (withdrawn); kept a day for the draft the host reopens. */
  withdrawnAt?: number;
}
/** Scheduled sends not yet sent ("Cancel send" on one withdraws its registration), and those just cancelled. */
export const scheduledRegistrationsItem = storage.defineItem<ScheduledRegistration[]>('local:scheduledRegistrations', { fallback: [] });

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

/** Runs the tasks given to it one after another, in order; one that fails does not stop the next. */
export function oneAtATime(): <R>(task: () => Promise<R>) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const next = tail.then(task, task);
    tail = next.catch(() => {});
    return next;
  };
}

/**
 * Read-modify-write of a stored value, one change at a time (the service worker answers messages concurrently), so
 * an append never races a removal; `read` sees every change asked before it.
 */
export function serialized<T>(item: { getValue(): Promise<T>; setValue(value: T): Promise<void> }) {
  const run = oneAtATime();
  return {
    update: (change: (value: T) => T): Promise<T> =>
      run(async () => {
        const value = change(await item.getValue());
        await item.setValue(value);
        return value;
      }),
    read: (): Promise<T> => run(() => item.getValue()),
  };
}
