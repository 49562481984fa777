import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

/**
 * Signed tracking tokens: everything a hit needs, so the pixel and the redirect never ask the database.
 *
 *   byte 0      version (high 4 bits) | kind (low 4 bits)
 *   1..16       workspace id (uuid bytes)
 *   17..32      message id
 *   33..36      sent at, unix seconds (uint32 BE): the scanner window and the mirror's expiry
 *   varint      recipient index + 1 (0 = not known)
 *   varint      link index                          (click kinds only)
 *   rest        destination URL template, UTF-8     (kind `click`; kind `optout` when the link is the brand's own
 *               opt-out page: without one, an `optout` link is `{{unsubscribe_url}}`, Beacon's page)
 *   last 16     HMAC-SHA256(key, all of the above), truncated to 128 bits
 *
 * Written base64url without padding; only the canonical encoding verifies, so no two strings name one token.
 */
export const TOKEN_KINDS = ['open', 'click', 'optout', 'mirror-link', 'mirror', 'unsubscribe'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface TrackToken {
  kind: TokenKind;
  workspaceId: string;
  messageId: string;
  /** Milliseconds, rounded down to the second. */
  sentAt: number;
  recipient?: number;
  link?: number;
  destination?: string;
}

export interface TokenSigner {
  sign(t: TrackToken): string;
  /** The token (frozen) when it is genuine and of one of `kinds`, else null. */
  verify(s: string, kinds: readonly TokenKind[]): Readonly<TrackToken> | null;
}

const VERSION = 1;
const MAC_BYTES = 16;
const HEAD_BYTES = 1 + 16 + 16 + 4;
export const MAX_TOKEN_CHARS = 16_384;
const VERIFIED_CACHE = 20_000;
const CLICK_KINDS: readonly TokenKind[] = ['click', 'optout', 'mirror-link'];

export function createSigner(secret: string): TokenSigner {
  // A key of its own, so the secret can sign other things later without tokens being reusable there.
  const key = createSecretKey(createHmac('sha256', secret).update('beacon/track-token/v1').digest());
  const mac = (data: Buffer) => createHmac('sha256', key).update(data).digest().subarray(0, MAC_BYTES);
  /** Only genuine tokens are kept (frozen), so a flood of forged ones cannot fill it. */
  const verified = new Map<string, Readonly<TrackToken>>();
  const check = (s: string): TrackToken | null => {
    if (s.length < 10 || s.length > MAX_TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(s)) return null;
    const raw = Buffer.from(s, 'base64url');
    if (raw.length <= HEAD_BYTES + MAC_BYTES || raw.toString('base64url') !== s) return null;
    const body = raw.subarray(0, raw.length - MAC_BYTES);
    if (!timingSafeEqual(mac(body), raw.subarray(raw.length - MAC_BYTES))) return null;
    const t = decode(body);
    return t && Object.freeze(t);
  };
  return {
    sign(t) {
      const body = encode(t);
      return Buffer.concat([body, mac(body)]).toString('base64url');
    },
    verify(s, kinds) {
      // An ESP campaign sends one pixel and one set of links to every recipient: genuine tokens repeat a lot.
      let t = verified.get(s);
      if (t === undefined) {
        const fresh = check(s);
        if (!fresh) return null;
        t = fresh;
        if (verified.size >= VERIFIED_CACHE) verified.delete(verified.keys().next().value as string);
        verified.set(s, t);
      }
      return kinds.includes(t.kind) ? t : null;
    },
  };
}

function encode(t: TrackToken): Buffer {
  const kind = TOKEN_KINDS.indexOf(t.kind) + 1;
  const parts: Buffer[] = [Buffer.from([(VERSION << 4) | kind]), uuidBytes(t.workspaceId), uuidBytes(t.messageId)];
  const sent = Buffer.alloc(4);
  sent.writeUInt32BE(Math.max(0, Math.floor(t.sentAt / 1000)));
  parts.push(sent, varint(t.recipient === undefined ? 0 : t.recipient + 1));
  if (CLICK_KINDS.includes(t.kind)) parts.push(varint(t.link ?? 0));
  if (t.kind === 'click' || t.kind === 'optout') parts.push(Buffer.from(t.destination ?? '', 'utf8'));
  return Buffer.concat(parts);
}

function decode(b: Buffer): TrackToken | null {
  const head = b[0] ?? 0;
  const kind = TOKEN_KINDS[(head & 0x0f) - 1];
  if (head >> 4 !== VERSION || !kind) return null;
  const t: TrackToken = {
    kind,
    workspaceId: uuidString(b.subarray(1, 17)),
    messageId: uuidString(b.subarray(17, 33)),
    sentAt: b.readUInt32BE(33) * 1000,
  };
  let at = HEAD_BYTES;
  const r = readVarint(b, at);
  if (!r) return null;
  if (r.value > 0) t.recipient = r.value - 1;
  at = r.next;
  if (CLICK_KINDS.includes(kind)) {
    const l = readVarint(b, at);
    if (!l) return null;
    t.link = l.value;
    at = l.next;
  }
  if (kind === 'click' || (kind === 'optout' && at < b.length)) {
    t.destination = b.subarray(at).toString('utf8');
    at = b.length;
  }
  return at === b.length ? t : null;
}

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = Math.max(0, Math.floor(n));
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

function readVarint(b: Buffer, at: number): { value: number; next: number } | null {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const byte = b[at + i];
    if (byte === undefined) return null;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return value > 0x7fffffff ? null : { value, next: at + i + 1 };
  }
  return null;
}

function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a uuid: ${id}`);
  return Buffer.from(hex, 'hex');
}

function uuidString(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
