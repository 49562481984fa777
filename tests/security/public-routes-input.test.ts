import { PIXEL_GIF } from '@beacon/collector/src/ingest/1-http-pixel-gif.ts';
import { BROWSER_UA, startTestCollector, type TestCollector } from '@beacon/collector/test/support/collector.ts';
import { HealthSchema } from '@beacon/shared/api/health';
import type { CreateMessageResponse } from '@beacon/shared/api/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, register } from './support.ts';

const JUNK = ['%FF%FE', '%', '%G1', '%E0%80%AF', '%ED%A0%80', '%00', "'%20OR%201=1--", '%0d%0aSet-Cookie:%20x=1', 'x'.repeat(7_000)];

/** The recipient-facing routes under hostile input, over real HTTP (fast path included): never a 5xx, never a stray redirect. */
describe('hostile input on the public tracking routes', () => {
  let t: TestCollector;
  let m: CreateMessageResponse;
  const path = (url: string) => new URL(url).pathname;
  beforeAll(async () => {
    t = await startTestCollector('pglite');
    m = await register(t.collector.url, t.admin.token, {
      html: '<a href="https://shop.example/p/*|PATH|*?n=*|NAME|*">p</a>',
      recipients: [{ email: 'a@client.example' }, { email: 'b@client.example' }],
    });
    t.clock.advance(60_000);
  });
  afterAll(async () => {
    expect(HealthSchema.parse(await (await fetch(`${t.collector.url}/api/health`)).json()).ok).toBe(true);
    await t?.stop();
  });
  const get = (p: string, init: RequestInit = {}) =>
    fetch(`${t.collector.url}${p}`, { redirect: 'manual', ...init, headers: { 'user-agent': BROWSER_UA, ...init.headers } });

  it('serves the pixel and redirects only to the signed origin, whatever the query holds', async () => {
    const pixel = path(m.pixelUrl!);
    const click = path(m.links[0]!.trackedUrl!);
    for (const j of JUNK) {
      const p = await get(`${pixel}?${j}=${j}`);
      expect(p.status, j.slice(0, 20)).toBe(200);
      expect(Buffer.from(await p.arrayBuffer())).toEqual(PIXEL_GIF);
      for (const q of [`m0=${j}&m1=${j}`, `${j}`, `m0=${j}&m0=https://evil.example`]) {
        const c = await get(`${click}?${q}`);
        expect([302, 404], q.slice(0, 40)).toContain(c.status);
        const location = c.headers.get('location');
        if (location) expect(new URL(location).origin).toBe('https://shop.example');
        expect(c.headers.get('set-cookie')).toBeNull();
      }
      for (const route of ['m', 'u']) {
        const token = path(route === 'm' ? m.mirrorUrl : m.unsubscribeUrl);
        expect((await get(`${token}?${j}`)).status, `${route} ${j.slice(0, 20)}`).toBe(200);
      }
    }
  });

  it('answers other methods, raw bytes and odd paths without a 5xx', async () => {
    const routes = [path(m.pixelUrl!), path(m.links[0]!.trackedUrl!), path(m.mirrorUrl), path(m.unsubscribeUrl)];
    for (const r of routes) {
      for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        const res = await get(r, { method });
        expect(res.status, `${method} ${r.slice(0, 3)}`).toBeGreaterThanOrEqual(200);
        expect(res.status, `${method} ${r.slice(0, 3)}`).toBeLessThan(500);
        expect(res.headers.get('location')).toBeNull();
      }
      for (const suffix of ['/', '/..', '%2F..%2F', '/%FF', '?']) expect((await get(`${r}${suffix}`)).status, `${r}${suffix}`).toBeLessThan(500);
      const raw = await rawRequest(
        t.collector.port,
        Buffer.concat([Buffer.from(`GET ${r}`), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]),
      );
      expect(raw.status, `raw bytes after ${r.slice(0, 3)}`).toBeGreaterThanOrEqual(200);
      expect(raw.status, `raw bytes after ${r.slice(0, 3)}`).toBeLessThan(500);
    }
  });

  it('answers any Accept-Language on the recipient pages in one of their languages, never a 5xx', async () => {
    const routes = [path(m.mirrorUrl), path(m.unsubscribeUrl), '/c/not-a-token', '/u/not-a-token', '/nowhere'];
    const headers = ['*', 'de;q=NaN', 'es;q=-1,fr;q=1e309', ';;;,,,', 'ü-ÜÜ;q=0.5', 'x'.repeat(8_000), `${'de-DE;q=0.1,'.repeat(600)}fr`];
    for (const r of routes) {
      for (const language of headers) {
        const res = await get(r, { headers: { 'accept-language': language } });
        expect(res.status, `${r} ${language.slice(0, 20)}`).toBeLessThan(500);
        expect(['en', 'es', 'de', 'fr', null], `${r} ${language.slice(0, 20)}`).toContain(res.headers.get('content-language'));
      }
      // Bytes no fetch() would send in a header: control characters and invalid UTF-8.
      const raw = await rawRequest(
        t.collector.port,
        Buffer.concat([
          Buffer.from(`GET ${r} HTTP/1.1\r\nHost: x\r\nAccept-Language: de\x01`),
          Buffer.from([0xff, 0xc3, 0x28]),
          Buffer.from(';q=0.9\r\nConnection: close\r\n\r\n'),
        ]),
      );
      expect(raw.status, `raw Accept-Language on ${r}`).toBeLessThan(500);
    }
  });

  it('refuses hostile unsubscribe forms with a 4xx and suppresses nobody', async () => {
    const u = path(m.unsubscribeUrl);
    const post = (body: BodyInit, type: string) => get(u, { method: 'POST', headers: { 'content-type': type }, body });
    const form = 'application/x-www-form-urlencoded';
    const cases: [BodyInit, string][] = [
      [`email=${encodeURIComponent("x'); DROP TABLE suppressions;--")}`, form],
      ['email=%FF%FE%40b.example', form],
      [new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0xff, 0xfe]), form],
      ['email=', form],
      ['{"email":"a@b.example"}', 'application/json'],
      ['--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nnot-an-email\r\n--x--\r\n', 'multipart/form-data; boundary=x'],
      ['garbage', 'multipart/form-data; boundary=x'],
      ['List-Unsubscribe=One-Click', form], // one-click without a known address
    ];
    for (const [body, type] of cases) {
      const res = await post(body, type);
      expect(res.status, `${type} ${String(body).slice(0, 30)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${type} ${String(body).slice(0, 30)}`).toBeLessThan(500);
    }
    expect((await post(`email=${'a'.repeat(70_000)}`, form)).status).toBe(413);
    await t.flush();
    const [row] = await t.collector.deps.sql<{ n: number }[]>`select count(*)::int as n from suppressions`;
    expect(row!.n).toBe(0);
  });
});
