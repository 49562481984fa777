import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/database.ts';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';
import { PIXEL_GIF } from '../ingest/1-http-pixel-gif.ts';

describe.each(BACKENDS)('tracking endpoints (%s)', (backend) => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector(backend);
  });
  afterAll(() => t?.stop());

  type Row = { kind: string; classification: string; reason: string; link: number | null; ri: number | null; recipient: string | null };
  const events = (messageId: string) => t.events<Row>(messageId, 'kind, classification, reason, link_index as link, recipient_index as ri, recipient');
  const later = () => t.clock.advance(60_000); // past the scanner window

  it('serves the 43-byte GIF for a pixel, with or without .gif, and records the open', async () => {
    const m = await t.send(t.admin.token, { html: '<p>Hi</p>' });
    later();
    for (const path of [t.path(m.pixelUrl!), t.path(m.pixelUrl!).replace(/\.gif$/, '')]) {
      const res = await t.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
      expect(res.headers.get('cache-control')).toContain('no-store');
      expect(res.headers.get('cache-control')).toContain('private');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(PIXEL_GIF);
    }
    expect(PIXEL_GIF.length).toBe(43);
    expect(await events(m.id)).toEqual([
      { kind: 'open', classification: 'human', reason: 'human', link: null, ri: 0, recipient: null },
      { kind: 'open', classification: 'human', reason: 'human', link: null, ri: 0, recipient: null },
    ]);
  });

  it('answers forged, altered and truncated tokens on every route without recording or redirecting', async () => {
    const m = await t.send(t.admin.token, { html: '<a href="https://shop.example/x">x</a>{{unsubscribe_url}}' });
    const click = t.path(m.links[0]!.trackedUrl!);
    const token = click.slice(3);
    const altered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
    const forged = ['AAAA', altered, token.slice(0, -3), `${token}x`, 'not-a-token', '..%2F..%2Fetc%2Fpasswd', '%00'];
    for (const bad of forged) {
      const pixel = await t.request(`/o/${bad}.gif`);
      expect(pixel.status).toBe(200);
      expect(Buffer.from(await pixel.arrayBuffer())).toEqual(PIXEL_GIF);
      for (const route of ['c', 'm', 'u']) {
        const res = await t.request(`/${route}/${bad}`);
        expect(res.status).toBe(404);
        expect(res.headers.get('location')).toBeNull();
        expect(res.headers.get('content-type')).toContain('text/html');
      }
      expect((await t.request(`/u/${bad}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(404);
    }
    // A genuine token of another kind does not work on a route it was not made for.
    expect((await t.request(`/c/${t.path(m.pixelUrl!).slice(3, -4)}`)).status).toBe(404);
    expect((await t.request(`/m/${token}`)).status).toBe(404);
    expect((await t.request(`/u/${t.path(m.mirrorUrl).slice(3)}`)).status).toBe(404);
    expect(await events(m.id)).toEqual([]);
  });

  it('redirects a click to its destination and records it; HEAD redirects but is no human click', async () => {
    const m = await t.send(t.admin.token, { html: '<a href="https://shop.example/a?x=1&amp;y=2#top">A</a>' });
    later();
    const res = await t.request(t.path(m.links[0]!.trackedUrl!));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://shop.example/a?x=1&y=2#top');
    const head = await t.request(t.path(m.links[0]!.trackedUrl!), { method: 'HEAD' });
    expect(head.status).toBe(302);
    expect(head.headers.get('location')).toBe('https://shop.example/a?x=1&y=2#top');
    expect((await events(m.id)).map((e) => [e.kind, e.reason, e.link])).toEqual([
      ['click', 'human', 0],
      ['click', 'scanner:head', 0],
    ]);
  });

  it("fills ESP merge tags from the query, percent-encoded, and keeps the recipient's address", async () => {
    const url = 'https://shop.example/p/*|PATH|*?name=*|FNAME|*&e={{ contact.email }}';
    const m = await t.send(t.admin.token, { html: `<a href="${url}">shop</a>`, recipients: [{ email: 'a@x.example' }, { email: 'b@x.example' }] });
    const tracked = m.links[0]!.trackedUrl!;
    expect(tracked).toMatch(/\?m0=\*\|PATH\|\*&m1=\*\|FNAME\|\*&m2=\{\{ contact\.email \}\}$/);
    expect(m.html).toContain(tracked.replace(/&/g, '&amp;'));
    later();
    const expanded = t.path(tracked).replace(/\?.*$/, '?m0=new%20in&m1=J%C3%BCrgen+%26+Co&m2=jo%40x.example');
    const res = await t.request(expanded);
    expect(res.headers.get('location')).toBe('https://shop.example/p/new%20in?name=J%C3%BCrgen%2B%26%2BCo&e=jo%40x.example');
    expect((await events(m.id))[0]).toMatchObject({ kind: 'click', recipient: 'jo@x.example' });
  });

  it('never redirects anywhere but the signed destination', async () => {
    const m = await t.send(t.admin.token, {
      html: '<a href="https://shop.example/*|P|*">a</a><a href="https://{{ host }}/x">b</a><a href="https://shop.example/x?next=1">c</a>',
    });
    expect(m.links[1]).toMatchObject({ type: 'never' }); // a merge tag in the host is never tracked
    const slotted = t.path(m.links[0]!.trackedUrl!).replace(/\?.*$/, '');
    const plain = t.path(m.links[2]!.trackedUrl!);
    const attempts = [
      `${slotted}?m0=%2F%2Fevil.example`,
      `${slotted}?m0=..%2F..%2F%2F%2Fevil.example`,
      `${slotted}?m0=@evil.example`,
      `${slotted}?m0=https://evil.example`,
      `${slotted}?m0=%0d%0aLocation:%20https://evil.example`,
      `${plain}&url=https://evil.example`,
      `${plain}?next=https://evil.example&m0=https://evil.example`,
      `${plain}/https://evil.example`,
      `${plain}%2F%2Fevil.example`,
      `/c/https://evil.example`,
      `/c//evil.example`,
      `/c/%2F%2Fevil.example`,
    ];
    for (const path of attempts) {
      const res = await t.request(path);
      const location = res.headers.get('location');
      if (location !== null) expect(new URL(location).origin).toBe('https://shop.example');
      expect(res.status === 302 || res.status === 404).toBe(true);
    }
  });

  it('resolves Beacon expressions for a single recipient, and warns when it cannot', async () => {
    const html = '<a href="https://shop.example/?e={{recipient.email}}&amp;n={{recipient.firstName}}">me</a>';
    const one = await t.send(t.admin.token, { html, recipients: [{ email: 'ann@x.example', name: 'Ann Lee' }] });
    later();
    const res = await t.request(t.path(one.links[0]!.trackedUrl!));
    expect(res.headers.get('location')).toBe('https://shop.example/?e=ann%40x.example&n=Ann');
    expect(one.warnings).toEqual([]);
    const many = await t.send(t.admin.token, { html, recipients: [{ email: 'a@x.example' }, { email: 'b@x.example' }] });
    expect(many.warnings.map((w) => w.code).sort()).toEqual(['shared_pixel', 'unresolved_expression']);
  });

  it("sends {{unsubscribe_url}} to Beacon's unsubscribe page, a URL marked Opt out to that URL, and a mirror link to the mirror page", async () => {
    const prefs = 'https://brand.example/preferences?e=*|EMAIL|*';
    const m = await t.send(t.admin.token, {
      html: `<a href="{{unsubscribe_url}}">unsub</a> <a href="{{mirror_url}}">web</a> <a href="${prefs}">prefs</a>`,
      links: [{ url: prefs, type: 'optout' }],
    });
    later();
    const [unsub, mirror, optout] = m.links;
    expect(optout).toMatchObject({ url: prefs, type: 'optout' });
    const u = await t.request(t.path(unsub!.trackedUrl!));
    expect(u.status).toBe(302);
    expect(t.path(u.headers.get('location')!)).toBe(t.path(m.unsubscribeUrl));
    const v = await t.request(t.path(mirror!.trackedUrl!));
    expect(t.path(v.headers.get('location')!)).toBe(t.path(m.mirrorUrl));
    const o = await t.request(t.path(optout!.trackedUrl!).replace('*|EMAIL|*', 'bob%40x.example'));
    expect(o.status).toBe(302);
    expect(o.headers.get('location')).toBe('https://brand.example/preferences?e=bob%40x.example');
    expect((await events(m.id)).map((e) => [e.kind, e.link])).toEqual([
      ['click', 0],
      ['click', 1],
      ['click', 2],
    ]);
  });

  it('serves the mirror page sandboxed, records the view, and expires it after the retention period', async () => {
    const m = await t.send(t.admin.token, { html: '<html><body><p>Price: 10 €</p><script>alert(1)</script></body></html>' });
    later();
    const res = await t.request(t.path(m.mirrorUrl));
    expect(res.status).toBe(200);
    // The message as sent, but for its open pixel: a blank, so viewing the copy is no open.
    const pixel = m.html.match(/="([^"]*\/o\/[^"]+)"/)![1]!;
    expect(await res.text()).toBe(m.html.replaceAll(pixel, `data:image/gif;base64,${PIXEL_GIF.toString('base64')}`));
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/(^|; )sandbox( |;|$)/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|allow-scripts/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await events(m.id)).map((e) => e.kind)).toEqual(['mirror']);
    t.clock.advance(91 * 86_400_000);
    expect((await t.request(t.path(m.mirrorUrl))).status).toBe(410);
    t.clock.advance(-91 * 86_400_000);
  });

  it('asks before unsubscribing; POST (form or one-click) suppresses the address once', async () => {
    const m = await t.send(t.admin.token, { html: '<p>hi</p>', recipients: [{ email: 'Carol@Example.com' }] });
    later();
    const suppressed = async () => {
      await t.flush();
      const r = await t.request('/api/suppressions?email=carol%40example.com', { token: t.admin.token });
      return ((await r.json()) as { suppressed: boolean }).suppressed;
    };
    const page = await t.request(t.path(m.unsubscribeUrl));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('My workspace');
    expect(html).toContain('<form method="post">');
    expect(html).toContain('lang="en"');
    expect(html).toContain('C•••@Example.com');
    expect(await suppressed()).toBe(false);
    const post = await t.request(t.path(m.unsubscribeUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
    expect(await suppressed()).toBe(true);
    const again = await t.request(t.path(m.unsubscribeUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('You are unsubscribed');
    await t.flush();
    const [row] = await t.collector.deps.sql`select count(*)::int as n from suppressions where email = 'carol@example.com'`;
    expect(row!.n).toBe(1);
  });

  it('asks for the address when the message went to several people, and unsubscribes only a recipient of it', async () => {
    const m = await t.send(t.admin.token, { html: '<p>hi</p>', recipients: [{ email: 'a@x.example' }, { email: 'b@x.example' }] });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const post = (body: string, ip = '198.51.100.99') => t.request(t.path(m.unsubscribeUrl), { method: 'POST', headers: form, body, ip });
    const isSuppressed = async (email: string) => {
      await t.flush();
      const r = await t.request(`/api/suppressions?email=${encodeURIComponent(email)}`, { token: t.admin.token });
      return ((await r.json()) as { suppressed: boolean }).suppressed;
    };
    expect(await (await t.request(t.path(m.unsubscribeUrl))).text()).toContain('type="email"');
    expect((await post('email=nope')).status).toBe(400);
    // Someone else's address reads the same as a recipient's, so the link tells nobody who got the message.
    const stranger = await post('email=carl%40elsewhere.example');
    const recipient = await post('email=B%40x.example');
    expect(stranger.status).toBe(200);
    expect(recipient.status).toBe(200);
    expect((await stranger.text()).replace('carl@elsewhere.example', '')).toBe((await recipient.text()).replace('b@x.example', ''));
    expect(await isSuppressed('b@x.example')).toBe(true);
    expect(await isSuppressed('carl@elsewhere.example')).toBe(false);
  });

  it('rate-limits unsubscribe POSTs: fifty in a row from one link are not all taken', async () => {
    const m = await t.send(t.admin.token, { html: '<p>hi</p>', recipients: [{ email: 'a@y.example' }, { email: 'b@y.example' }] });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await t.request(t.path(m.unsubscribeUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=victim${i}%40y.example`,
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(45);
  });

  it('classifies scanners, bots, prefetches, proxies and the sender', async () => {
    const m = await t.send(t.admin.token, {
      html: '<a href="https://a.example/1">1</a><a href="https://a.example/2">2</a><a href="https://a.example/3">3</a>',
    });
    const pixel = t.path(m.pixelUrl!);
    const link = (i: number) => t.path(m.links[i]!.trackedUrl!);
    await t.request(link(0)); // seconds after sending: a security scanner
    later();
    await t.request(pixel, { ua: 'Mozilla/5.0' });
    await t.request(pixel, { ua: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)' });
    await t.request(pixel, { ua: 'Googlebot/2.1 (+http://www.google.com/bot.html)' });
    await t.request(pixel, { ip: '198.51.100.7', ua: 'SenderBrowser/1.0' });
    for (const i of [0, 1, 2]) await t.request(link(i), { ip: '192.0.2.1' }); // every link within a second
    const reasons = (await events(m.id)).map((e) => e.reason);
    expect(reasons).toEqual(['scanner:fast-click', 'prefetch:apple-mpp', 'proxy:gmail', 'bot', 'self', 'human', 'human', 'scanner:burst']);
  });
});
