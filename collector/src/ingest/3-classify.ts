import type { Classification } from '@beacon/shared/api/common';
import { isbot } from 'isbot';
import { memoize } from '../memo.ts';
import type { Hit } from './hit.ts';

export interface MessageContext {
  workspaceId: string;
  id: string;
  userId: string;
  subject: string;
  recipients: { email: string; name?: string }[];
  /** Each link's URL as written in the message, by link index (what reports show). */
  links: string[];
  senderIp: string | null;
  senderUa: string | null;
  sentAt: number;
}

export interface Verdict {
  classification: Classification;
  /** `human`, `self`, `bot`, `bot:no-user-agent`, `proxy:gmail`, `prefetch:apple-mpp`, `scanner:head` ... */
  reason: string;
}

export interface ClassifyOptions {
  /** Clicks sooner than this after sending are security scanners. */
  scannerWindowMs: number;
}

const PROXIES: [RegExp, string][] = [
  [/GoogleImageProxy/i, 'proxy:gmail'],
  [/YahooMailProxy/i, 'proxy:yahoo'],
];

/** Who made a hit. Pure: the same hit and message always get the same verdict, so replays agree. */
export function classify(hit: Hit, message: MessageContext | undefined, opts: ClassifyOptions): Verdict {
  if (message && hit.ip !== '' && hit.ip === message.senderIp && hit.ua === message.senderUa) {
    return { classification: 'self', reason: 'self' };
  }
  if (hit.kind === 'unsubscribe') return { classification: 'human', reason: 'human' }; // an explicit POST
  if (hit.method === 'HEAD') return { classification: 'scanner', reason: 'scanner:head' };
  if (hit.kind === 'open') {
    for (const [re, reason] of PROXIES) if (re.test(hit.ua)) return { classification: 'proxy', reason };
    // Apple Mail Privacy Protection fetches every image on delivery with a bare UA, whether or not it is read.
    if (hit.ua === 'Mozilla/5.0' || hit.ip.startsWith('17.')) return { classification: 'prefetch', reason: 'prefetch:apple-mpp' };
  }
  if (hit.ua.trim() === '') return { classification: 'bot', reason: 'bot:no-user-agent' };
  if (isBot(hit.ua)) return { classification: 'bot', reason: 'bot' };
  if (hit.kind !== 'open' && hit.at - hit.sent < opts.scannerWindowMs) {
    return { classification: 'scanner', reason: 'scanner:fast-click' };
  }
  if (hit.burst) return { classification: 'scanner', reason: 'scanner:burst' };
  return { classification: 'human', reason: 'human' };
}

/** isbot's pattern is long; the same few user agents make most hits, so answers are kept. */
const isBot = memoize(5000, isbot);

/** Reports count people, and Gmail's or Yahoo's image proxy opening on a person's behalf. */
export function isCounted(hit: Hit, v: Verdict): boolean {
  return v.classification === 'human' || (v.classification === 'proxy' && hit.kind === 'open');
}

/** Who the hit is about: a known recipient, or else the network and client that made it. */
export function recipientKey(hit: Hit, recipientEmail: string | undefined): { key: string; known: boolean } {
  if (hit.ri !== undefined) return { key: `r:${hit.ri}`, known: true };
  if (recipientEmail) return { key: `e:${recipientEmail.toLowerCase()}`, known: true };
  return { key: `a:${hit.ip}|${fnv1a(hit.ua)}`, known: false };
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
