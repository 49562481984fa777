import { startsWithMergeTag } from './merge-tags.ts';
import { BEACON_PLACEHOLDERS } from './placeholders.ts';
import type { LinkKind } from './types.ts';

const SCHEME_KINDS: Record<string, LinkKind> = {
  http: 'http',
  https: 'http',
  mailto: 'mailto',
  tel: 'tel',
  sms: 'sms',
  javascript: 'javascript',
  data: 'data',
};

/** The kind of an href, from its URL as a browser reads it (see ScannedLink.url). */
export function classifyUrl(url: string): LinkKind {
  if (url === '') return 'empty';
  if (url === BEACON_PLACEHOLDERS.unsubscribe) return 'unsubscribe';
  if (url === BEACON_PLACEHOLDERS.mirror) return 'mirror';
  if (url.charCodeAt(0) === 0x23) return 'fragment';
  const scheme = schemeOf(url);
  if (scheme !== null) return Object.hasOwn(SCHEME_KINDS, scheme) ? SCHEME_KINDS[scheme]! : 'other';
  if (startsWithMergeTag(url)) return 'merge-tag';
  return 'other';
}

/**
 * The lowercase scheme of `url`, or null when it has none. Browsers drop tabs and newlines anywhere in a URL,
 * so `java&#9;script:` is still javascript.
 */
export function schemeOf(url: string): string | null {
  let scheme = '';
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c === 0x3a /* : */) return scheme === '' ? null : scheme.toLowerCase();
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    const other = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
    if (!letter && !(other && scheme !== '')) return null;
    scheme += url[i];
  }
  return null;
}
