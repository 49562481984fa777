import { PIXEL_GIF } from '@beacon/collector/src/ingest/1-http-pixel-gif.ts';
import type { TokenKind } from '@beacon/collector/src/track/token.ts';
import { BROWSER_UA, startTestCollector, type TestCollector } from '@beacon/collector/test/support/collector.ts';
import type { CreateMessageResponse } from '@beacon/shared/api/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from './support.ts';

const ROUTES = ['o', 'c', 'm', 'u'] as const;
type Route = (typeof ROUTES)[number];
/** The kinds each public route accepts; /c/ sends mirror-link and optout tokens on to /m/ and /u/. */
const ACCEPTS: Record<Route, TokenKind[]> = { o: ['open'], c: ['click', 'optout', 'mirror-link'], m: ['mirror'], u: ['unsubscribe'] };
const FORM = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': BROWSER_UA };

/**
 * Genuine tokens used where they do not belong, tokens of another collector, and tokens whose message is gone,
 * over real HTTP (so /o/ and /c/ go through the node:http fast path as in production).
 */
describe('replayed and misplaced tracking tokens on every public route', () => {
  let a: TestCollector;
  let b: TestCollector;
  beforeAll(async () => {
    a = await startTestCollector('pglite');
    b = await startTestCollector('pglite'); // another instance: another secret, another database
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  const html = '<a href="https://shop.example/x">x</a> <a href="{{unsubscribe_url}}">u</a> <a href="{{mirror_url}}">w</a>';
  /** Every token a message has, by kind. */
  const tokensOf = (m: CreateMessageResponse): Record<TokenKind, string> => {
    const last = (url: string) => new URL(url).pathname.split('/')[2]!.replace(/\.gif$/, '');
    const [click, optout, mirrorLink] = m.links.map((l) => last(l.trackedUrl!));
    return {
      open: last(m.pixelUrl!),
      click: click!,
      optout: optout!,
      'mirror-link': mirrorLink!,
      mirror: last(m.mirrorUrl),
      unsubscribe: last(m.unsubscribeUrl),
    };
  };
  const events = async (t: TestCollector, messageId: string) => {
    await t.flush();
    const [row] = await t.collector.deps.sql<{ n: number }[]>`select count(*)::int as n from events where message_id = ${messageId}`;
    const [sup] = await t.collector.deps.sql<{ n: number }[]>`select count(*)::int as n from suppressions where message_id = ${messageId}`;
    return row!.n + sup!.n;
  };

  /** Calls a route with a token it must refuse: the pixel still comes back, nothing else does, nothing redirects. */
  async function expectRefused(t: TestCollector, route: Route, token: string, what: string) {
    const url = `${t.collector.url}/${route}/${token}${route === 'o' ? '.gif' : ''}`;
    const gets = [await fetch(url, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } })];
    if (route === 'u') gets.push(await fetch(url, { method: 'POST', redirect: 'manual', headers: FORM, body: 'List-Unsubscribe=One-Click' }));
    if (route === 'c') gets.push(await fetch(url, { method: 'HEAD', redirect: 'manual', headers: { 'user-agent': BROWSER_UA } }));
    for (const res of gets) {
      expect(res.headers.get('location'), what).toBeNull();
      if (route === 'o') {
        expect(res.status, what).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()), what).toEqual(PIXEL_GIF);
      } else {
        expect(res.status, what).toBe(404);
        expect(res.headers.get('content-type'), what).toContain('text/html');
      }
    }
  }

  it('refuses each genuine token on every route not made for its kind, and records nothing', async () => {
    const m = await register(a.collector.url, a.admin.token, { html });
    a.clock.advance(60_000);
    const tokens = tokensOf(m);
    for (const route of ROUTES) {
      for (const [kind, token] of Object.entries(tokens) as [TokenKind, string][]) {
        if (!ACCEPTS[route].includes(kind)) await expectRefused(a, route, token, `${kind} token on /${route}/`);
      }
    }
    expect(await events(a, m.id)).toBe(0);
    // The same tokens where they belong do work and record: the refusals above are not a broken collector.
    expect((await fetch(`${a.collector.url}/c/${tokens.click}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } })).status).toBe(302);
    expect((await fetch(`${a.collector.url}/m/${tokens.mirror}`, { headers: { 'user-agent': BROWSER_UA } })).status).toBe(200);
    expect(await events(a, m.id)).toBe(2);
  });

  it("refuses another collector's tokens, even naming this collector's workspace and message", async () => {
    const mine = await register(a.collector.url, a.admin.token, { html });
    const theirs = tokensOf(await register(b.collector.url, b.admin.token, { html }));
    a.clock.advance(60_000);
    const signer = b.collector.deps.signer; // another secret
    const base = { workspaceId: a.admin.workspace.id, messageId: mine.id, sentAt: Math.floor(a.clock.now() / 1000) * 1000 - 60_000, recipient: 0 };
    const forged: Record<TokenKind, string> = {
      open: signer.sign({ ...base, kind: 'open' }),
      click: signer.sign({ ...base, kind: 'click', link: 0, destination: 'https://evil.example/phish' }),
      optout: signer.sign({ ...base, kind: 'optout', link: 1 }),
      'mirror-link': signer.sign({ ...base, kind: 'mirror-link', link: 2 }),
      mirror: signer.sign({ ...base, kind: 'mirror' }),
      unsubscribe: signer.sign({ ...base, kind: 'unsubscribe' }),
    };
    for (const route of ROUTES) {
      for (const kind of ACCEPTS[route]) {
        await expectRefused(a, route, theirs[kind], `the other collector's ${kind} token on /${route}/`);
        await expectRefused(a, route, forged[kind], `a ${kind} token for this message signed elsewhere on /${route}/`);
      }
    }
    expect(await events(a, mine.id)).toBe(0);
    const [row] = await a.collector.deps.sql<{ n: number }[]>`select count(*)::int as n from events where workspace_id <> ${a.admin.workspace.id}`;
    expect(row!.n).toBe(0);
  });

  it('after its message is deleted or its copy expired: the mirror is gone, the links go only where they were signed to, nothing is recorded', async () => {
    const m = await register(a.collector.url, a.admin.token, { html, recipients: [{ email: 'gone@client.example' }] });
    const tokens = tokensOf(m);
    a.clock.advance(60_000);
    const sql = a.collector.deps.sql;
    await sql`delete from messages where workspace_id = ${a.admin.workspace.id} and id = ${m.id}`;
    const get = (path: string, init: RequestInit = {}) =>
      fetch(`${a.collector.url}${path}`, { redirect: 'manual', ...init, headers: { 'user-agent': BROWSER_UA, ...init.headers } });

    const mirror = await get(`/m/${tokens.mirror}`);
    expect(mirror.status).toBe(404);
    const pixel = await get(`/o/${tokens.open}.gif`);
    expect(Buffer.from(await pixel.arrayBuffer())).toEqual(PIXEL_GIF);
    // A click never waits for the database, so an old email's link still arrives, and only at its signed destination.
    const click = await get(`/c/${tokens.click}?url=https://evil.example`);
    expect([click.status, click.headers.get('location')]).toEqual([302, 'https://shop.example/x']);
    const page = await get(`/u/${tokens.unsubscribe}`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('gone@');
    const post = await get(`/u/${tokens.unsubscribe}`, { method: 'POST', headers: FORM, body: 'List-Unsubscribe=One-Click' });
    expect(post.status).toBeLessThan(500);
    expect(await events(a, m.id)).toBe(0);

    // Expired: past the retention period the mirror says so (410) and records nothing.
    const old = await register(a.collector.url, a.admin.token, { html });
    a.clock.advance((a.config.retentionDays + 1) * 86_400_000);
    const expired = await get(`/m/${tokensOf(old).mirror}`);
    expect(expired.status).toBe(410);
    expect(await events(a, old.id)).toBe(0);
  });
});
