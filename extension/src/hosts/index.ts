import type { HostAdapter } from './types';
import { gmailAdapter } from './gmail/adapter';
import { outlookAdapter } from './outlook/adapter';
import { espAdapter } from './esp/adapter';
import { MAIL_HOSTNAMES, isMailHost } from './mail-hosts';

const mailAdapters: Record<(typeof MAIL_HOSTNAMES)[keyof typeof MAIL_HOSTNAMES], HostAdapter> = { gmail: gmailAdapter, outlook: outlookAdapter };

/** A mail host's own adapter; any other host (an ESP the user enabled) gets the generic editor adapter. */
export function adapterFor(hostname: string): HostAdapter {
  return isMailHost(hostname) ? mailAdapters[MAIL_HOSTNAMES[hostname]] : espAdapter;
}
