import { findExpressions } from './expressions.ts';
import { classifyUrl, schemeOf } from './kinds.ts';
import { findMergeTags, hasTooManyTagOpenings } from './merge-tags.ts';
import type { LinkKind } from './types.ts';
import { isValidHttpUrl, originEnd } from './url.ts';

/** Reasons shown in the Links panel for a link Beacon leaves alone. */
export const REASONS = {
  mailto: 'mailto links cannot be tracked',
  tel: 'phone links cannot be tracked',
  sms: 'SMS links cannot be tracked',
  fragment: 'fragment links stay in the message',
  javascript: 'javascript links are never tracked',
  data: 'data URLs are never tracked',
  empty: 'the link has no address',
  mergeTag: 'the ESP fills in this address, so it is left as is',
  relative: 'not an absolute http(s) URL',
  scheme: (scheme: string) => `${scheme}: links cannot be tracked`,
  invalid: 'not a valid URL',
  tagInOrigin: 'a merge tag or expression in the host could send clicks anywhere, so it is left as is',
  tooManyTags: 'too many merge tags to read',
  ownUrl: 'already tracked',
  clicksOff: 'click tracking is off',
  turnedOff: 'tracking turned off for this link',
  showsAddress: 'the link shows a web address as its text: tracked, it would show one address and lead to another, which spam and phishing filters flag',
} as const;

/** Why a link of this kind and URL can never be tracked, or undefined when it can. */
export function trackingRefusal(kind: LinkKind, url: string): string | undefined {
  switch (kind) {
    case 'http':
      return httpRefusal(url);
    case 'mailto':
    case 'tel':
    case 'sms':
    case 'fragment':
    case 'javascript':
    case 'data':
    case 'empty':
      return REASONS[kind];
    case 'merge-tag':
      return REASONS.mergeTag;
    case 'unsubscribe':
    case 'mirror':
      return undefined;
    case 'other': {
      const scheme = schemeOf(url);
      return scheme === null ? REASONS.relative : REASONS.scheme(scheme);
    }
  }
}

function httpRefusal(url: string): string | undefined {
  if (hasTooManyTagOpenings(url)) return REASONS.tooManyTags;
  const personalized = [...findMergeTags(url), ...findExpressions(url)];
  if (personalized.length === 0) return isValidHttpUrl(url) ? undefined : REASONS.invalid;
  const end = originEnd(url);
  if (personalized.some((p) => p.start < end)) return REASONS.tagInOrigin;
  // Tags and expressions are filled in later, percent-encoded; a neutral stand-in shows whether the rest parses.
  let probe = '';
  let at = 0;
  for (const p of personalized.sort((a, b) => a.start - b.start)) {
    if (p.start < at) continue; // an expression inside a merge tag (`{{{recipient.email}}}`) goes with the tag
    probe += `${url.slice(at, p.start)}x`;
    at = p.end;
  }
  return isValidHttpUrl(probe + url.slice(at)) ? undefined : REASONS.invalid;
}

/** True when `url` (as a browser reads an href) can be a tracked link's destination. */
export function isTrackableUrl(url: string): boolean {
  const kind = classifyUrl(url);
  return kind === 'http' && trackingRefusal(kind, url) === undefined;
}
