import { i18n } from '#i18n';

/** What is wrong with a typed collector address, in words, or null when it is an http(s) address. */
export function collectorUrlProblem(input: string): string | null {
  const typed = input.trim();
  if (!typed) return i18n.t('options.account.urlMissing');
  if (!/^[a-z][a-z0-9+.-]*:/i.test(typed) || /^[^/]*:\d+(\/|$)/.test(typed)) {
    // "beacon.acme.com" or "localhost:8787": the scheme is what is missing, so say so and offer it.
    const suggestion = `https://${typed}`;
    return URL.canParse(suggestion)
      ? i18n.t('options.account.urlNoScheme', { input: typed, suggestion })
      : i18n.t('options.account.urlInvalid', { input: typed });
  }
  const protocol = URL.canParse(typed) ? new URL(typed).protocol : '';
  return protocol === 'https:' || protocol === 'http:' ? null : i18n.t('options.account.urlInvalid', { input: typed });
}
