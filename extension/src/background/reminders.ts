import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { MessageSummary } from '@beacon/shared/api/messages';
import { accountItem, reminderSettingsItem, remindedMessagesItem } from '../utils/storage';
import { ANNOUNCE_WITHIN_MS, clampDays, DAY_MS, decideReminders } from '../utils/reminders';
import { format } from '../popup/format';
import { listMessages } from './reports';

const ALARM = 'beacon-reminders';
/** Reminders need not be punctual to the minute: an hourly look costs the collector one request a user. */
const PERIOD_MINUTES = 60;
const MAX_PAGES = 5;
/** Reminded ids are kept this long, well past the oldest message a check reads. */
const KEEP_MS = 60 * DAY_MS;

/** A notification id the click handler opens the report of (notifications.ts: `beacon:<message id>:…`). */
export const reminderNotificationId = (messageId: string) => `beacon:${messageId}:not-opened`;

/** The hourly alarm while reminders are on; listeners added at start, so the alarm wakes an evicted worker. */
export function startReminders(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void checkReminders();
  });
  // A changed setting is looked at at once; a worker waking up only makes sure the alarm is there.
  reminderSettingsItem.watch(() => void planReminders(true));
  void planReminders(false);
}

async function planReminders(checkNow: boolean): Promise<void> {
  if (!(await reminderSettingsItem.getValue()).enabled) return void (await browser.alarms.clear(ALARM));
  if (!(await browser.alarms.get(ALARM))) await browser.alarms.create(ALARM, { periodInMinutes: PERIOD_MINUTES });
  if (checkNow) await checkReminders();
}

let running: Promise<void> | null = null;
/** One check at a time: the sender's messages old enough to matter, a notification for each one due. */
export function checkReminders(): Promise<void> {
  running ??= check().finally(() => (running = null));
  return running;
}

async function check(): Promise<void> {
  const [settings, account] = await Promise.all([reminderSettingsItem.getValue(), accountItem.getValue()]);
  if (!settings.enabled || !account) return;
  const now = Date.now();
  const days = clampDays(settings.days);
  const messages = await recentMessages(now - days * DAY_MS - ANNOUNCE_WITHIN_MS);
  const reminded = await remindedMessagesItem.getValue();
  const { notify } = decideReminders(messages, { now, days, userId: account.user.id, notified: new Set(Object.keys(reminded)) });
  for (const m of notify) {
    // Remembered first: a worker evicted mid-way never shows one twice.
    reminded[m.id] = now;
    await remindedMessagesItem.setValue(reminded);
    await browser.notifications.create(reminderNotificationId(m.id), {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: i18n.t('notification.notOpenedTitle', { subject: m.subject.trim() || i18n.t('common.noSubject') }),
      message: i18n.t('notification.notOpened', days, { recipients: format.recipients(m.recipients), days: format.number(days) }),
    });
  }
  const kept = Object.fromEntries(Object.entries(reminded).filter(([, at]) => at > now - KEEP_MS));
  if (Object.keys(kept).length !== Object.keys(reminded).length) await remindedMessagesItem.setValue(kept);
}

/** Newest first, page by page, until messages are older than `since` (scheduled ones, still to go, come first). */
async function recentMessages(since: number): Promise<MessageSummary[]> {
  const out: MessageSummary[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await listMessages({ limit: 100, ...(cursor ? { cursor } : {}) });
    if (!result.ok) break;
    out.push(...result.value.items);
    const last = result.value.items.at(-1);
    if (!result.value.nextCursor || !last || Date.parse(last.sentAt) < since) break;
    cursor = result.value.nextCursor;
  }
  return out;
}
