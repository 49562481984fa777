import type { CreateMessageResponse } from '@beacon/shared/api/messages';
import { scheduledRegistrationsItem, type ScheduledRegistration } from '../utils/storage';
import { storedCredentials } from './collector-client';
import { forgetRegistration } from './forget-queue';

/** Gmail and Outlook may send a little after the time; a cancel until then still withdraws. */
const GRACE_MS = 10 * 60_000;

/** Remembers a scheduled send by its tracking URLs, which its message shows wherever the host lists it. */
export async function rememberScheduled(key: string, scheduledAt: string, answer: CreateMessageResponse): Promise<void> {
  const urls = [answer.pixelUrl, ...answer.links.map((l) => l.trackedUrl)].filter((u): u is string => !!u);
  if (!urls.length) return; // nothing tracked: nothing a cancel could name
  const entry: ScheduledRegistration = { key, at: Date.parse(scheduledAt), urls };
  await update((list) => [...list.filter((s) => s.key !== key), entry]);
}

/** Withdraws the scheduled sends (still to go) that any of these URLs belongs to. */
export async function withdrawScheduled({ urls }: { urls: string[] }): Promise<{ ok: true; withdrawn: number }> {
  const seen = new Set(urls);
  const cancelled: ScheduledRegistration[] = [];
  await update((list) =>
    list.filter((s) => {
      const hit = s.urls.some((u) => seen.has(u));
      if (hit) cancelled.push(s);
      return !hit;
    }),
  );
  const credentials = await storedCredentials();
  if (credentials) for (const s of cancelled) await forgetRegistration(s.key, credentials);
  return { ok: true, withdrawn: credentials ? cancelled.length : 0 };
}

/** Read-modify-write, one at a time; sends whose time has passed go (they were sent). */
let writes: Promise<unknown> = Promise.resolve();
function update(change: (list: ScheduledRegistration[]) => ScheduledRegistration[]): Promise<void> {
  const next = writes.then(async () => {
    const now = Date.now();
    const list = change((await scheduledRegistrationsItem.getValue()).filter((s) => s.at + GRACE_MS > now));
    await scheduledRegistrationsItem.setValue(list);
  });
  writes = next.catch(() => {});
  return next;
}
