import { HealthSchema, type Health } from '@beacon/shared/api/health';
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { SYNC_BUCKETS_MS } from '../ingest/2-spool.ts';
import { json, named, openApiRoutes } from './openapi.ts';

export const VERSION = '0.1.0';

const health = createRoute({
  method: 'get',
  path: '/',
  summary: 'Liveness and the state of the database and spool',
  responses: { 200: json(named(HealthSchema, 'Health'), 'Health') },
});

export function healthRoutes(deps: AppDeps) {
  const app = openApiRoutes();
  app.openapi(health, async (c) => {
    const up = await Promise.race([
      deps.sql`select 1`.then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(false), 2000).unref()),
    ]);
    const s = deps.events.stats();
    const body: Health = {
      ok: true,
      database: up ? 'up' : 'down',
      spool: { bytes: s.spoolBytes, segments: s.spoolSegments, syncMs: cumulative(s.spoolSyncs) },
      lastWriteError: s.lastError,
      version: VERSION,
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body, 200);
  });
  return app;
}

function cumulative(counts: number[]): Health['spool']['syncMs'] {
  let sum = 0;
  return counts.map((n, i) => ({ le: SYNC_BUCKETS_MS[i] ?? null, count: (sum += n) }));
}
