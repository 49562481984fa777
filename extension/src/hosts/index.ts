import type { HostAdapter } from './types';
import { gmailAdapter } from './gmail/adapter';
import { outlookAdapter } from './outlook/adapter';
import { MAIL_HOSTNAMES, isMailHost } from './mail-hosts';

const mailAdapters: Record<(typeof MAIL_HOSTNAMES)[keyof typeof MAIL_HOSTNAMES], HostAdapter> = { gmail: gmailAdapter, outlook: outlookAdapter };

/**
 * A mail host's own adapter (the mail script); ESP pages get the generic editor adapter from their own script
 * (entrypoints/esp.content.ts), so neither script carries the other's adapters.
 */
export function mailAdapterFor(hostname: string): HostAdapter | null {
  return isMailHost(hostname) ? mailAdapters[MAIL_HOSTNAMES[hostname]] : null;
}
