import type { EventKind } from '@beacon/shared/api/common';

/**
 * One tracked hit as taken at request time and written to the spool: everything needed to store and classify
 * it later, without the database. `id` and `at` are fixed here, so a replay writes the very same row.
 */
export interface Hit {
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  ws: string;
  msg: string;
  kind: EventKind;
  /** When the message was registered (from the token), for the scanner window. */
  sent: number;
  method: string;
  /** Already truncated (/24, /48); '' when unknown. */
  ip: string;
  ua: string;
  link?: number;
  linkType?: 'tracked' | 'optout' | 'mirror';
  /** The link's destination template (merge tags as slots, never the recipient's values). */
  url?: string;
  /** Recipient index in the message, when the token names one. */
  ri?: number;
  /** Recipient address, when the hit itself tells it (unsubscribe form, an email merge-tag value). */
  re?: string;
  /** Part of a burst of clicks from one network (see track/burst.ts). */
  burst?: true;
}

export const MAX_UA_CHARS = 512;
export const MAX_URL_CHARS = 2000;

export function parseHitLine(line: string): Hit | null {
  try {
    const h = JSON.parse(line) as Hit;
    return typeof h.id === 'string' && typeof h.ws === 'string' && typeof h.msg === 'string' && typeof h.at === 'number'
      ? h
      : null;
  } catch {
    return null;
  }
}
