import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { StreamEvent } from '@beacon/shared/api/reports';
import { notificationsEnabledItem } from '../utils/storage';
import { isHumanActivity } from './badge';

const PREFIX = 'beacon:';

export interface NotificationText {
  id: string;
  title: string;
  message: string;
}

/** A notification for a message's first human open and for each human click; nothing for the rest. */
export function notificationFor(event: StreamEvent): NotificationText | null {
  if (!isHumanActivity(event)) return null;
  const subject = event.subject.trim() || i18n.t('common.noSubject');
  const who = event.recipient ?? i18n.t('notification.someone');
  // The event id makes a replayed event replace its notification instead of adding a second one.
  const id = `${PREFIX}${event.messageId}:${event.id}`;
  if (event.kind === 'open' && event.firstOpen) {
    return { id, title: i18n.t('notification.openedTitle', { subject }), message: i18n.t('notification.opened', { who }) };
  }
  if (event.kind === 'click') {
    return { id, title: i18n.t('notification.clickedTitle', { subject }), message: i18n.t('notification.clicked', { who, link: shortUrl(event.url) }) };
  }
  return null;
}

/** `https://example.com/pricing?utm=x` -> `example.com/pricing`. */
export function shortUrl(url: string | undefined): string {
  if (!url) return i18n.t('notification.aLink');
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' ? '' : parsed.pathname;
    const text = `${parsed.host}${path}`;
    return text.length > 60 ? `${text.slice(0, 59)}…` : text;
  } catch {
    return url.slice(0, 60);
  }
}

export function messageIdOfNotification(notificationId: string): string | null {
  if (!notificationId.startsWith(PREFIX)) return null;
  return notificationId.slice(PREFIX.length).split(':')[0] || null;
}

/** The popup page, opened in a tab on the message's report. */
export function reportUrl(messageId: string): string {
  return browser.runtime.getURL(`/popup.html#/message/${messageId}`);
}

export async function notify(event: StreamEvent): Promise<void> {
  const text = notificationFor(event);
  if (!text || !(await notificationsEnabledItem.getValue())) return;
  await browser.notifications.create(text.id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: text.title,
    message: text.message,
  });
}

/** Clicking a notification opens that message's report. Added at start, so it wakes an evicted worker. */
export function listenForNotificationClicks(): void {
  browser.notifications.onClicked.addListener((notificationId) => {
    const messageId = messageIdOfNotification(notificationId);
    if (!messageId) return;
    void browser.tabs.create({ url: reportUrl(messageId) });
    void browser.notifications.clear(notificationId);
  });
}
