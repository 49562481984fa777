import type { Clock } from '../clock.ts';

/** Token buckets in memory, one per key (an API token), per collector: `burst` at once, `perMinute` sustained. */
export interface RateLimiter {
  /** Takes one request; when the bucket is empty, how many seconds until the next one is allowed. */
  take(key: string): { ok: true } | { ok: false; retryAfter: number };
}

export function createRateLimiter(opts: { perMinute: number; burst: number; clock: Clock; maxKeys?: number }): RateLimiter {
  const rate = opts.perMinute / 60_000; // per ms
  const maxKeys = opts.maxKeys ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const now = opts.clock.now();
      const b = buckets.get(key) ?? { tokens: opts.burst, at: now };
      b.tokens = Math.min(opts.burst, b.tokens + Math.max(0, now - b.at) * rate);
      b.at = now;
      buckets.delete(key);
      buckets.set(key, b);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000)) };
    },
  };
}
