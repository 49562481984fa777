import type { HostAdapter } from './types';
import { gmailAdapter } from './gmail/adapter';
import { outlookAdapter } from './outlook/adapter';
import { espAdapter } from './esp/adapter';

/** Hostname -> adapter; any other host (an ESP the user enabled) gets the generic editor adapter. */
const byHostname: Record<string, HostAdapter> = {
  'mail.google.com': gmailAdapter,
  'outlook.office.com': outlookAdapter,
  'outlook.office365.com': outlookAdapter,
  'outlook.live.com': outlookAdapter,
};

export function adapterFor(hostname: string): HostAdapter {
  return byHostname[hostname] ?? espAdapter;
}
