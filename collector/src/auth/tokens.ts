import { createHash, randomBytes } from 'node:crypto';

/** API tokens: 256 random bits, so a plain sha256 is enough to store them (no salt or slow hash needed). */
export const TOKEN_PREFIX = 'bk_';

export function generateApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Cheap shape check before any database work: `bk_` and 43 base64url characters. */
export function looksLikeApiToken(token: string): boolean {
  return /^bk_[A-Za-z0-9_-]{43}$/.test(token);
}
