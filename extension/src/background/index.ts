import { browser } from 'wxt/browser';
import { answerRequests } from '../utils/messaging';
import { collectorUrlItem, accountItem, pixelOriginsItem } from '../utils/storage';
import { signIn, signOut } from './account';
import { checkSuppressions, registerMessage } from './messages';
import { planLinks, scanLinks } from './links';
import { syncEspContentScripts } from './esp-sites';
import { updateSelfOpenRules } from './self-open-rules';
import { getMessage, getReport, listMessages } from './reports';
import { addEspSiteRequest, removeEspSiteRequest } from './esp-site-requests';
import { startLive } from './live';

/** Everything the service worker does; listeners are added synchronously so an evicted worker wakes up for them. */
export function startBackground(): void {
  answerRequests({
    signIn,
    signOut: () => signOut(),
    registerMessage,
    checkSuppressions,
    planLinks,
    scanLinks,
    listMessages,
    getMessage,
    getReport,
    addEspSite: addEspSiteRequest,
    removeEspSite: removeEspSiteRequest,
  });
  startLive();
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
