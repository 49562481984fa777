import type { Health } from '@beacon/shared/api/health';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { SYNC_BUCKETS_MS } from '../ingest/2-spool.ts';

export const VERSION = '0.1.0';

export function healthRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const up = await Promise.race([
      deps.sql`select 1`.then(() => true, () => false),
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
    return c.json(body);
  });
  return app;
}

function cumulative(counts: number[]): Health['spool']['syncMs'] {
  let sum = 0;
  return counts.map((n, i) => ({ le: SYNC_BUCKETS_MS[i] ?? null, count: (sum += n) }));
}
