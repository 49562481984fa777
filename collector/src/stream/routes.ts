import type { StreamEvent } from '@beacon/shared/api/reports';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ApiEnv } from '../auth/middleware.ts';
import type { AppDeps } from '../deps.ts';
import { viewerOf } from './hub.ts';
import { parseCursor, replayAfter } from './replay.ts';

const HEARTBEAT_MS = 25_000;

/**
 * Server-Sent Events (`event: hit`, `id:` the event's id) of the caller's new events, as the writer commits them.
 * On reconnect with Last-Event-ID (or `?lastEventId=` for clients that cannot set headers) the events after it are
 * replayed first (bounded, see replay.ts); an id that is not one of ours replays nothing.
 */
export function streamRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/', (c) => {
    const caller = c.get('caller');
    const viewer = viewerOf(caller);
    const cursor = parseCursor(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
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
      const write = (e: StreamEvent) => {
        chain = chain.then(() => stream.writeSSE({ event: 'hit', id: e.id, data: JSON.stringify(e) }));
      };
      // Subscribed before the replay is read, so nothing committed meanwhile is missed; held back until it is sent.
      let held: StreamEvent[] | null = cursor ? [] : null;
      const unsubscribe = deps.hub.subscribe({
        ...viewer,
        tokenId: caller.tokenId,
        userId: caller.user.id,
        send(events) {
          if (held) held.push(...events);
          else events.forEach(write);
        },
        close: end,
      });
      stream.onAbort(end);
      try {
        await deps.watch(viewer.ws).catch((e) => deps.log.warn('stream interest not registered', e));
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ at: new Date(deps.clock.now()).toISOString() }) });
        if (cursor && held) {
          const replayed = await replayAfter(deps.sql, viewer, cursor, deps.clock.now()).catch((e) => {
            deps.log.warn('stream replay failed; continuing live only', e);
            return [];
          });
          replayed.forEach(write);
          const sent = new Set(replayed.map((e) => e.id));
          held.filter((e) => !sent.has(e.id)).forEach(write);
          held = null;
        }
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
