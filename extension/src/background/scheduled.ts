import { untrackHtml } from '@beacon/shared/links/index';
import type { CreateMessageResponse } from '@beacon/shared/api/messages';
import { scheduledRegistrationsItem, serialized, type ScheduledRegistration } from '../utils/storage';
import { storedCredentials } from './collector-client';
import { forgetRegistration } from './forget-queue';
import { tokenOfUrl } from '../hosts/tracking-tokens';

/** Gmail and Outlook may send a little after the time; a cancel until then still withdraws. */
const GRACE_MS = 10 * 60_000;
/** A cancelled draft reopened within this long gets its links back as written. */
const REOPEN_MS = 86_400_000;

/** Remembers a scheduled send by its tracking URLs, which its message shows wherever the host lists it. */
export async function rememberScheduled(key: string, scheduledAt: string, answer: CreateMessageResponse): Promise<void> {
  const tracked = Object.fromEntries(answer.links.flatMap((l) => (l.trackedUrl ? [[l.trackedUrl, l.url]] : [])));
  const urls = [...(answer.pixelUrl ? [answer.pixelUrl] : []), ...Object.keys(tracked)];
  if (!urls.length) return; // nothing tracked: nothing a cancel could name
  const entry: ScheduledRegistration = { key, at: Date.parse(scheduledAt), urls, tracked, ...(answer.pixelUrl ? { pixelUrl: answer.pixelUrl } : {}) };
  await update((list) => [...list.filter((s) => s.key !== key), entry]);
}

/**
 * Withdraws the scheduled send made with `key` (the host's undo), or those still to go that any of these tracking
 * tokens belongs to ("Cancel send" on the message). They stay known a day as withdrawn, for the draft the host reopens.
 */
export async function withdrawScheduled(input: { key?: string; tokens?: string[] }): Promise<{ ok: true; withdrawn: number }> {
  const seen = new Set(input.tokens ?? []);
  const named = (url: string) => seen.has(tokenOfUrl(url, 'any') ?? '');
  const now = Date.now();
  const keys = new Set(input.key ? [input.key] : []);
  await update((list) =>
    list.map((s) => {
      if (s.withdrawnAt || !(s.key === input.key || (s.at + GRACE_MS > now && s.urls.some(named)))) return s;
      keys.add(s.key);
      return { ...s, withdrawnAt: now };
    }),
  );
  const credentials = await storedCredentials();
  if (credentials) for (const key of keys) await forgetRegistration(key, credentials);
  return { ok: true, withdrawn: credentials ? keys.size : 0 };
}

/** A draft holding a withdrawn scheduled send's tracking, as the sender wrote it (null: none of it is there). */
export async function untrackWithdrawn({ html }: { html: string }): Promise<string | null> {
  const withdrawn = (await registrations.read()).find((s) => s.withdrawnAt && s.urls.some((u) => html.includes(u) || html.includes(u.replace(/&/g, '&amp;'))));
  return withdrawn ? untrackHtml(html, withdrawn.tracked, withdrawn.pixelUrl) : null;
}

const registrations = serialized(scheduledRegistrationsItem);
/** One change at a time; sends whose time has passed go (they were sent), withdrawn ones after a day. */
async function update(change: (list: ScheduledRegistration[]) => ScheduledRegistration[]): Promise<void> {
  await registrations.update((list) => {
    const now = Date.now();
    return change(list.filter((s) => (s.withdrawnAt ? s.withdrawnAt + REOPEN_MS : s.at + GRACE_MS) > now));
  });
}
