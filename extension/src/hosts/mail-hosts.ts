/**
 * The mail hosts Beacon works in without asking, each with the adapter that knows its page. The one list behind the
 * manifest's host permissions, the composer script's matches and the adapter lookup (hosts/index.ts).
 */
export const MAIL_HOSTNAMES = {
  'mail.google.com': 'gmail',
  'outlook.office.com': 'outlook',
  'outlook.office365.com': 'outlook',
  'outlook.live.com': 'outlook',
} as const;

export type MailHostname = keyof typeof MAIL_HOSTNAMES;

/** Match patterns of the mail hosts (manifest host permissions, content script matches). */
export const MAIL_HOSTS = Object.keys(MAIL_HOSTNAMES).map((hostname) => `https://${hostname}/*`);

export function isMailHost(hostname: string): hostname is MailHostname {
  return Object.hasOwn(MAIL_HOSTNAMES, hostname);
}
