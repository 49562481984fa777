import { StreamEventSchema } from '@beacon/shared/api/reports';
import { BROWSER_UA, startTestCollector, type TestCollector } from '@beacon/collector/test/support/collector.ts';
import { sseReader } from '@beacon/collector/test/support/sse.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from './support.ts';

/** The one API route the collector's own tests do not call with another workspace's token: the live stream. */
describe("the live stream never carries another workspace's events", () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector('pglite');
  });
  afterAll(() => t?.stop());

  const open = async (token: string) => {
    const res = await fetch(`${t.collector.url}/api/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const sse = sseReader(res);
    await sse.next('ready');
    return sse;
  };

  it("an admin of another workspace sees none of this workspace's hits, while its own admin sees each", async () => {
    const outsider = await t.account('admin@rival.example', 'admin', 'Rival Co');
    const own = await open(t.admin.token);
    const rival = await open(outsider.token);
    const m = await register(t.collector.url, t.admin.token, { html: '<a href="https://shop.example/x">x</a>' });
    t.clock.advance(60_000);
    await fetch(t.collector.url + new URL(m.pixelUrl!).pathname, { headers: { 'user-agent': BROWSER_UA } });
    await fetch(t.collector.url + new URL(m.links[0]!.trackedUrl!).pathname, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } });
    expect(StreamEventSchema.parse(await own.next('hit'))).toMatchObject({ messageId: m.id, kind: 'open' });
    expect(StreamEventSchema.parse(await own.next('hit'))).toMatchObject({ messageId: m.id, kind: 'click' });
    await t.flush();
    await new Promise((r) => setTimeout(r, 200));
    expect(rival.pending('hit')).toBe(0);
    await own.close();
    await rival.close();
  });
});
