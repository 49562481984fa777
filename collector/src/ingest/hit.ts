import type { EventKind } from '@beacon/shared/api/common';
import { storableText } from '@beacon/shared/text';
import { memoize } from '../memo.ts';

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
  /** Part of a burst of clicks from one network (see 1-http-bursts.ts). */
  burst?: true;
}

export const MAX_UA_CHARS = 512;
export const MAX_URL_CHARS = 2000;

/** JSON for a user agent or a link's URL: the same few make most hits, so their quoted forms are kept. */
const quoted = memoize(2000, (s) => JSON.stringify(s));

/**
 * The spool line for a hit: what JSON.stringify would write, at a third of its cost on the request thread (measured
 * 0.4-0.7 against 2 us a hit). Ids are uuids and times numbers, so only free text is quoted.
 */
export function hitLine(h: Hit): string {
  let s = `{"id":"${h.id}","at":${h.at},"ws":"${h.ws}","msg":"${h.msg}","kind":"${h.kind}","sent":${h.sent},"method":${JSON.stringify(h.method)},"ip":${JSON.stringify(h.ip)},"ua":${quoted(h.ua)}`;
  if (h.link !== undefined) s += `,"link":${h.link}`;
  if (h.linkType !== undefined) s += `,"linkType":"${h.linkType}"`;
  if (h.url !== undefined) s += `,"url":${quoted(h.url)}`;
  if (h.ri !== undefined) s += `,"ri":${h.ri}`;
  if (h.re !== undefined) s += `,"re":${JSON.stringify(h.re)}`;
  if (h.burst) s += ',"burst":true';
  return `${s}}`;
}

export function parseHitLine(line: string): Hit | null {
  try {
    const h = JSON.parse(line) as Hit;
    return typeof h.id === 'string' && typeof h.ws === 'string' && typeof h.msg === 'string' && typeof h.at === 'number' ? h : null;
  } catch {
    return null;
  }
}

/**
 * Fallbacks for a spooled hit the database refused for its data: first its free text made storable, then without
 * the free text at all. The hit was acknowledged (the pixel served, the redirect made), so it is kept in some form.
 */
export function repairedLines(line: string): string[] {
  const h = parseHitLine(line);
  if (!h) return [];
  const text = (s: string, max: number) => storableText(String(s), max);
  const clean: Hit = { ...h, method: text(h.method, 16), ip: text(h.ip, 64), ua: text(h.ua ?? '', MAX_UA_CHARS) };
  if (h.url !== undefined) clean.url = text(h.url, MAX_URL_CHARS);
  if (h.re !== undefined) clean.re = text(h.re, 320);
  const { url: _url, re: _re, ...bare } = clean;
  return [hitLine(clean), hitLine({ ...bare, ua: '' })];
}
