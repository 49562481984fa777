import type { StreamEvent } from '@beacon/shared/api/reports';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ApiEnv } from '../auth/middleware.ts';
import type { AppDeps } from '../deps.ts';

const HEARTBEAT_MS = 25_000;

/** Server-Sent Events (`event: hit`) of the caller's new events, as the writer commits them. */
export function streamRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/', (c) => {
    const caller = c.get('caller');
    c.header('X-Accel-Buffering', 'no'); // let events through proxies such as nginx at once
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      let wake: () => void = () => {};
      let open = true;
      const end = () => {
        open = false;
        wake();
      };
      let chain = Promise.resolve();
      const unsubscribe = deps.hub.subscribe({
        ws: caller.workspace.id,
        user: caller.user.role === 'rep' ? caller.user.id : null,
        send(events: StreamEvent[]) {
          for (const e of events) chain = chain.then(() => stream.writeSSE({ event: 'hit', id: e.id, data: JSON.stringify(e) }));
        },
        close: end,
      });
      stream.onAbort(end);
      try {
        await deps.watch(caller.workspace.id).catch((e) => deps.log.warn('stream interest not registered', e));
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ at: new Date(deps.clock.now()).toISOString() }) });
        while (open) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, HEARTBEAT_MS);
            wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
          if (open) await stream.write(': keep-alive\n\n');
        }
        await chain;
      } finally {
        unsubscribe();
      }
    });
  });
  return app;
}
