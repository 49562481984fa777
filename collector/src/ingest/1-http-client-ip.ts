import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import type { Context } from 'hono';

/** IPv4 to its /24, IPv6 to its /48: enough to tell networks apart, not people. '' when unknown or malformed. */
export function truncateIp(ip: string | undefined): string {
  if (!ip) return '';
  const fast = dottedQuad24(ip.startsWith('::ffff:') ? ip.slice(7) : ip);
  if (fast !== null) return fast;
  const v4 = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0`;
  if (!isIPv6(ip)) return '';
  const groups = expandIpv6(ip.split('%')[0] ?? '');
  return groups
    ? `${groups
        .slice(0, 3)
        .map((g) => g.replace(/^0+(?=.)/, ''))
        .join(':')}::`
    : '';
}

function expandIpv6(ip: string): string[] | null {
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const left = part(head);
  const right = part(tail);
  if (right.some((g) => g.includes('.')) || left.some((g) => g.includes('.'))) return null; // embedded v4 forms: rare, dropped
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((g) => g.toLowerCase());
}

/** The caller's address: the socket's, or the first X-Forwarded-For entry when the collector sits behind a proxy. */
export function clientIpOf(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket?.remoteAddress;
}

/** `clientIpOf` for a Hono request served by @hono/node-server. */
export function clientIp(c: Context, trustProxy: boolean): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming ? clientIpOf(incoming, trustProxy) : undefined;
}

/** `a.b.c.d` (each 0-255, no leading zeros) to `a.b.c.0`; null for anything else. One pass, no allocation but the result. */
function dottedQuad24(ip: string): string | null {
  let octets = 0;
  let digits = 0;
  let value = 0;
  let third = -1; // where the third dot is
  for (let i = 0; i <= ip.length; i++) {
    const c = i < ip.length ? ip.charCodeAt(i) : DOT; // the end closes the last octet like a dot
    if (c === DOT) {
      if (digits === 0 || value > 255) return null;
      if (++octets === 3) third = i;
      digits = 0;
      value = 0;
    } else if (c >= ZERO && c <= ZERO + 9 && digits < 3 && !(digits > 0 && value === 0)) {
      digits++;
      value = value * 10 + c - ZERO;
    } else {
      return null;
    }
  }
  return octets === 4 ? `${ip.slice(0, third)}.0` : null;
}

const DOT = 46;
const ZERO = 48;
