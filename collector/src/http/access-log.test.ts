import { afterAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';
import { createLogger } from '../log.ts';

const started: TestCollector[] = [];
afterAll(() => Promise.all(started.map((t) => t.stop())));

async function collectorLogging(env: Record<string, string>) {
  const lines: Record<string, unknown>[] = [];
  const t = await startTestCollector('pglite', {
    env: { BEACON_LOG: 'info', ...env },
    log: createLogger('info', (l) => lines.push(JSON.parse(l) as Record<string, unknown>)),
  });
  started.push(t);
  const m = await t.send(t.admin.token, { html: '<a href="https://shop.example/">shop</a>' });
  // Over real HTTP: the pixel and the redirect are answered before Hono (ingest/1-http-pixel-and-redirect.ts).
  const local = (u: string) => t.collector.url + t.path(u);
  await fetch(`${local(m.pixelUrl!)}?email=ann@example.com`, { headers: { 'user-agent': 'Thunderbird/128.0', 'x-forwarded-for': '203.0.113.77' } });
  await fetch(local(m.links[0]!.trackedUrl!), { redirect: 'manual', headers: { 'x-forwarded-for': '203.0.113.77' } });
  await t.flush();
  return { t, access: () => lines.filter((l) => l.msg === 'access') };
}

describe('the access log of the tracking routes', () => {
  it('is off by default', async () => {
    const { access } = await collectorLogging({});
    expect(access()).toEqual([]);
  });

  it('with BEACON_ACCESS_LOG on, logs each pixel and redirect without the query, the address cut to its network', async () => {
    const { t, access } = await collectorLogging({ BEACON_ACCESS_LOG: 'true' });
    await expect.poll(() => access().length).toBe(2);
    const [pixel, redirect] = access();
    expect(pixel).toMatchObject({ level: 'info', method: 'GET', status: 200, ip: '203.0.113.0', ua: 'Thunderbird/128.0' });
    expect(String(pixel!.path)).toMatch(/^\/o\/[\w-]+/);
    expect(JSON.stringify(pixel)).not.toContain('ann@example.com');
    expect(redirect).toMatchObject({ status: 302 });
    expect(String(redirect!.path)).toMatch(/^\/c\//);
    expect(typeof pixel!.ms).toBe('number');
    await fetch(`${t.collector.url}/api/health`);
    expect(access()).toHaveLength(2); // API requests have their own line ("api"), not an access line
  });
});
