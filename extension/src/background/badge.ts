import { browser } from 'wxt/browser';
import type { StreamEvent } from '@beacon/shared/api/reports';
import { oneAtATime, unseenActivityItem } from '../utils/storage';

/** What the reports count as a person's open or click (Gmail's image proxy fetches only when the mail is opened). */
export function isHumanActivity(event: StreamEvent): boolean {
  if (event.kind === 'open') return event.classification === 'human' || event.classification === 'proxy';
  return event.kind === 'click' && event.classification === 'human';
}

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

// Read-modify-write of the count and its badge, one at a time: events can arrive faster than storage answers.
const serial = oneAtATime();

export function addUnseen(count = 1): Promise<number> {
  return serial(async () => {
    const next = (await unseenActivityItem.getValue()) + count;
    await unseenActivityItem.setValue(next);
    await showBadge(next);
    return next;
  });
}

/** The popup was opened: everything so far has been seen. */
export function clearUnseen(): Promise<number> {
  return serial(async () => {
    await unseenActivityItem.setValue(0);
    await showBadge(0);
    return 0;
  });
}

export async function showBadge(count: number): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ color: '#1a73e8' });
  await browser.action.setBadgeText({ text: badgeText(count) });
}
