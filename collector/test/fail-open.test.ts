import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIXEL_GIF } from '../src/ingest/1-http-pixel-gif.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from './support/pg-cluster.ts';
import { firstStartToken as tokenOf, registerMessage as register, spawnCollector } from './support/process.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

/** Fires `n` requests `conc` at a time; counts the acknowledged ones (the right GIF or redirect received). */
async function hammer(urls: string[], n: number, conc: number): Promise<number> {
  let acked = 0;
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const url = urls[next++ % urls.length]!;
      const res = await fetch(url, { redirect: 'manual', headers: { 'user-agent': UA } }).catch(() => null);
      if (!res) continue;
      const body = Buffer.from(await res.arrayBuffer());
      if ((res.status === 200 && body.equals(PIXEL_GIF)) || (res.status === 302 && res.headers.get('location') === 'https://shop.example/sale')) acked++;
    }
  };
  await Promise.all(Array.from({ length: conc }, worker));
  return acked;
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('failing open, crashes and several collectors, on a throwaway Postgres server', () => {
  let pg: ThrowawayPostgres;
  let sql: postgres.Sql;
  let dbs = 0;
  /** A fresh database on the throwaway server per test, so each collector has a first start. */
  const freshDatabase = async () => {
    const name = `beacon_${++dbs}`;
    await sql.unsafe(`create database ${name}`);
    db = postgres(pg.url.replace(/\/postgres$/, `/${name}`), { max: 2, onnotice: () => {} });
    return pg.url.replace(/\/postgres$/, `/${name}`);
  };
  let db: postgres.Sql;
  const env = (dataDir: string, url: string, extra: Record<string, string> = {}) => ({
    DATABASE_URL: url,
    BEACON_DATA_DIR: dataDir,
    BEACON_SCANNER_WINDOW_SECONDS: '0',
    BEACON_SHUTDOWN_TIMEOUT_SECONDS: '20',
    ...extra,
  });
  const count = async (messageId: string) => {
    const [row] = await db`select count(*)::int as n from events where message_id = ${messageId}`;
    return row!.n as number;
  };
  const total = async (messageId: string, metric: string) => {
    const [row] =
      await db`select coalesce(sum(n), 0)::int as n from rollups where scope = 'm' and scope_id = ${messageId} and grain = 'total' and metric = ${metric}`;
    return row!.n as number;
  };

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    sql = postgres(pg.url, { max: 2, onnotice: () => {} });
  });
  afterAll(async () => {
    await db?.end({ timeout: 1 }).catch(() => {});
    await sql?.end({ timeout: 1 }).catch(() => {});
    pg?.destroy();
  });

  it('serves every pixel and redirect with the database down, survives kill -9, and writes each hit once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beacon-failopen-'));
    const url = await freshDatabase();
    const first = await spawnCollector(env(dataDir, url));
    const token = tokenOf(first);
    const m = await register(first, token, '<a href="https://shop.example/sale">Sale</a>');
    pg.stop('immediate');
    const acked = await hammer([m.pixel, m.click], 400, 16);
    expect(acked).toBe(400); // no broken pixel, no failed redirect
    const health = (await (await fetch(`${first.url}/api/health`)).json()) as { database: string; spool: { bytes: number } };
    expect(health.database).toBe('down');
    expect(health.spool.bytes).toBeGreaterThan(0);
    const api = await fetch(`${first.url}/api/messages`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ code: 'unavailable' });
    first.child.kill('SIGKILL'); // a crash with everything still in the spool
    await first.exited;
    pg.start();
    const second = await spawnCollector(env(dataDir, url));
    await waitFor(async () => (await count(m.id)) >= 400, 30_000);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(await count(m.id)).toBe(400);
    expect([200, 201]).toContain(await total(m.id, 'opens')); // + 1 if a click came before any open
    expect(await total(m.id, 'uopens')).toBe(1);
    expect(await total(m.id, 'clicks')).toBe(200);
    expect(readdirSync(join(dataDir, 'spool', 'main')).filter((f) => f.endsWith('.log'))).toEqual([]);
  }, 120_000);

  it('on SIGTERM under load, finishes requests and writes every acknowledged hit before exiting 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beacon-sigterm-'));
    const p = await spawnCollector(env(dataDir, await freshDatabase()));
    const m = await register(p, tokenOf(p), '<a href="https://shop.example/sale">Sale</a>');
    const load = hammer([m.pixel, m.click], 1500, 32);
    await new Promise((r) => setTimeout(r, 300));
    p.child.kill('SIGTERM');
    const acked = await load;
    expect(await p.exited).toBe(0);
    expect(acked).toBeGreaterThan(0);
    expect(await count(m.id)).toBeGreaterThanOrEqual(acked); // none acknowledged is lost
    expect(await count(m.id)).toBeLessThanOrEqual(1500);
  }, 120_000);

  it('runs two collectors against one Postgres under load without losing or doubling an event', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beacon-two-'));
    const url = await freshDatabase();
    const [a, b] = await Promise.all([
      spawnCollector(env(dataDir, url, { BEACON_INSTANCE_ID: 'a' })),
      spawnCollector(env(dataDir, url, { BEACON_INSTANCE_ID: 'b' })), // same secret, own spool
    ]);
    const m = await register(a, tokenOf(a) || tokenOf(b), '<a href="https://shop.example/sale">Sale</a>');
    const onB = (u: string) => u.replace(a.url, b.url);
    const [ackA, ackB] = await Promise.all([hammer([m.pixel, m.click], 600, 16), hammer([onB(m.pixel), onB(m.click)], 600, 16)]);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect([await a.exited, await b.exited]).toEqual([0, 0]);
    expect(ackA + ackB).toBe(1200);
    expect(await count(m.id)).toBe(1200);
    expect([600, 601]).toContain(await total(m.id, 'opens'));
    expect(await total(m.id, 'uclicks')).toBe(1);
    expect(await total(m.id, 'clicks')).toBe(600);
  }, 120_000);
});
