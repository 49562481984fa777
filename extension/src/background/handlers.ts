import type { Handlers } from '../utils/messaging';
import { signIn, signOut } from './account';
import { checkSuppressions, forgetMessage, registerMessage, updateMessage } from './messages';
import { planLinks, scanLinks, untrack } from './links';
import { getMessage, getRecipients, getReport, listMessages } from './reports';
import { addEspSiteRequest, removeEspSiteRequest } from './esp-site-requests';
import { composerStyles } from './composer-styles';
import { loadBridge } from './editor-bridges';
import { untrackWithdrawn, withdrawScheduled } from './scheduled';
import { mailboxStatus, openReport } from './marks';
import { loadMailboxCard } from './mailbox-card-script';

/** Every request the background answers, once: the service worker and the popup's component tests use this table. */
export const backgroundHandlers: Handlers = {
  signIn,
  signOut: () => signOut(),
  registerMessage,
  updateMessage,
  forgetMessage,
  withdrawScheduled,
  untrackWithdrawn,
  checkSuppressions,
  planLinks,
  scanLinks,
  untrack,
  listMessages,
  getMessage,
  getRecipients,
  getReport,
  addEspSite: addEspSiteRequest,
  removeEspSite: removeEspSiteRequest,
  composerStyles,
  loadBridge,
  mailboxStatus,
  loadMailboxCard,
  openReport,
};
