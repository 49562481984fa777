import type { Handlers } from '../utils/messaging';
import { signIn, signOut } from './account';
import { checkSuppressions, forgetMessage, registerMessage } from './messages';
import { planLinks, scanLinks } from './links';
import { getMessage, getReport, listMessages } from './reports';
import { addEspSiteRequest, removeEspSiteRequest } from './esp-site-requests';
import { composerStyles } from './composer-styles';

/** Every request the background answers, once: the service worker and the popup's component tests use this table. */
export const backgroundHandlers: Handlers = {
  signIn,
  signOut: () => signOut(),
  registerMessage,
  forgetMessage,
  checkSuppressions,
  planLinks,
  scanLinks,
  listMessages,
  getMessage,
  getReport,
  addEspSite: addEspSiteRequest,
  removeEspSite: removeEspSiteRequest,
  composerStyles,
};
