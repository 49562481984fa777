import { browser } from 'wxt/browser';
import { answerRequests } from '../utils/messaging';
import { collectorUrlItem, accountItem, pixelOriginsItem } from '../utils/storage';
import { syncEspContentScripts } from './esp-sites';
import { startForgetQueue } from './forget-queue';
import { backgroundHandlers } from './handlers';
import { updateSelfOpenRules } from './self-open-rules';
import { startLive } from './live';
import { startReminders } from './reminders';

/** Everything the service worker does; listeners are added synchronously so an evicted worker wakes up for them. */
export function startBackground(): void {
  answerRequests(backgroundHandlers);
  startLive();
  startForgetQueue();
  startReminders();
  browser.runtime.onInstalled.addListener(() => void restore());
  browser.runtime.onStartup.addListener(() => void restore());
  browser.permissions.onRemoved.addListener(() => void syncEspContentScripts());
}

/** Rules and registrations are derived from storage, so they can always be rebuilt. */
async function restore(): Promise<void> {
  const [collectorUrl, account, pixelOrigins] = await Promise.all([collectorUrlItem.getValue(), accountItem.getValue(), pixelOriginsItem.getValue()]);
  await updateSelfOpenRules(account && collectorUrl ? [collectorUrl, ...pixelOrigins] : []);
  await syncEspContentScripts();
}
