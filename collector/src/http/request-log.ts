import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { withRequestId, type Logger } from '../log.ts';

const HEADER = 'X-Request-Id';
/** A caller's own id (a proxy's, say) is kept when it is short and plain, so one id follows the request through. */
const ACCEPTED = /^[\w.:=-]{1,128}$/;

/**
 * Each API request gets an id: answered in X-Request-Id, on every line logged while it is handled (`reqId`), and on
 * the line logged once it is answered (method, path, status, ms).
 */
export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header(HEADER);
    const id = given && ACCEPTED.test(given) ? given : randomUUID();
    c.header(HEADER, id);
    const start = performance.now();
    await withRequestId(id, async () => {
      await next();
      log.info('api', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - start) * 100) / 100 });
    });
  };
}
