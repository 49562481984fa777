import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';
import { PIXEL_GIF } from './1-http-pixel-gif.ts';

describe('the pixel and the redirect as production serves them (real HTTP)', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector('pglite');
  });
  afterAll(() => t?.stop());

  it('serves the pixel and the redirect even when recording throws', async () => {
    const m = await t.send(t.admin.token, { html: '<a href="https://shop.example/x">x</a>' });
    const events = t.collector.deps.events;
    const record = events.record;
    events.record = () => {
      throw new Error('injected: the spool is broken');
    };
    try {
      const pixel = await t.request(t.path(m.pixelUrl!));
      expect(pixel.status).toBe(200);
      expect(Buffer.from(await pixel.arrayBuffer())).toEqual(PIXEL_GIF);
      const click = await t.request(t.path(m.links[0]!.trackedUrl!));
      expect(click.status).toBe(302);
      expect(click.headers.get('location')).toBe('https://shop.example/x');
    } finally {
      events.record = record;
    }
  });

  it('answers a request that throws with a 500 and goes on serving the next ones', async () => {
    const m = await t.send(t.admin.token, { html: '<a href="https://shop.example/x">x</a>' });
    const signer = t.collector.deps.signer;
    const verify = signer.verify;
    signer.verify = () => {
      throw new Error('injected: a bug');
    };
    try {
      for (const url of [m.pixelUrl!, m.links[0]!.trackedUrl!]) {
        const res = await t.request(t.path(url), { method: 'GET' });
        expect(res.status).toBe(500);
        expect(res.headers.get('location')).toBeNull();
      }
    } finally {
      signer.verify = verify;
    }
    const again = await t.request(t.path(m.pixelUrl!));
    expect(again.status).toBe(200);
    expect(Buffer.from(await again.arrayBuffer())).toEqual(PIXEL_GIF);
    expect((await t.request(t.path(m.links[0]!.trackedUrl!))).status).toBe(302);
  });

  it('serves the GIF for any pixel token, and a 404 page for nested paths and other methods', async () => {
    for (const path of ['/o/', '/o/x', '/o/%E9.gif', '/o/a?b=c']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(PIXEL_GIF);
    }
    for (const [method, path] of [
      ['GET', '/o/a/b'],
      ['GET', '/c/a/b'],
      ['GET', '/c/'],
      ['POST', '/o/x'],
      ['DELETE', '/c/x'],
    ] as const) {
      const res = await t.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('answers while the embedded database is busy: it runs on a thread of its own', async () => {
    const m = await t.send(t.admin.token, { html: '<p>hi</p>' });
    // Seconds of CPU in the database: were it on the request thread, the pixel would be answered only after it.
    const busy = t.collector.deps.sql`select sum(i::int8 * i) from generate_series(1, 5000000) i`.execute().then(() => performance.now());
    await new Promise((r) => setTimeout(r, 100));
    const res = await t.request(t.path(m.pixelUrl!));
    const answeredAt = performance.now();
    expect(res.status).toBe(200);
    expect(answeredAt).toBeLessThan(await busy);
  });
});
