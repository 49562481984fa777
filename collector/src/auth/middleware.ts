import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.ts';
import { ApiFailure } from '../http/errors.ts';
import { clientIp } from '../ingest/1-http-client-ip.ts';
import { callerByToken, touchApiToken, type Caller } from './queries.ts';
import { createRateLimiter } from './rate-limit.ts';
import { hashApiToken, looksLikeApiToken } from './tokens.ts';

export type ApiEnv = { Variables: { caller: Caller } };

const TOUCH_EVERY_MS = 5 * 60_000;

/**
 * `Authorization: Bearer <token>` → the caller, or 401. Each token has its own rate limit (429 with Retry-After);
 * failed attempts are limited per address too, so guessing tokens costs the database little.
 */
export function requireCaller(deps: AppDeps): MiddlewareHandler<ApiEnv> {
  const perToken = createRateLimiter({ ...deps.config.rateLimit, clock: deps.clock });
  const failures = createRateLimiter({ perMinute: 30, burst: 30, clock: deps.clock });
  const touched = new Map<string, number>();
  const unauthorized = () =>
    new ApiFailure('unauthorized', 'a valid API token is required (Authorization: Bearer <token>)', undefined, {
      'WWW-Authenticate': 'Bearer realm="beacon"',
    });

  return async (c, next) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    const ip = clientIp(c, deps.config.trustProxy) ?? '';
    const limited = (r: ReturnType<typeof perToken.take>) =>
      !r.ok && new ApiFailure('rate_limited', `too many requests; retry in ${r.retryAfter} s`, undefined, { 'Retry-After': String(r.retryAfter) });
    if (!looksLikeApiToken(token)) throw limited(failures.take(ip)) || unauthorized();
    const key = hashApiToken(token).toString('base64url');
    const limit = limited(perToken.take(key));
    if (limit) throw limit;
    const caller = await callerByToken(deps.sql, token);
    if (!caller) throw limited(failures.take(ip)) || unauthorized();
    c.set('caller', caller);
    const now = deps.clock.now();
    if (now - (touched.get(caller.tokenId) ?? 0) > TOUCH_EVERY_MS) {
      touched.set(caller.tokenId, now);
      touchApiToken(deps.sql, caller.tokenId, new Date(now)).catch((e) => deps.log.debug('last_used_at not updated', e));
    }
    await next();
  };
}
