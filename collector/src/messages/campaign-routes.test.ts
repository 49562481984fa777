import { ApiErrorSchema } from '@beacon/shared/api/errors';
import { CreateMessageResponseSchema, MessageRecipientsSchema } from '@beacon/shared/api/messages';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, startTestCollector, type Account, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';

describe.each(BACKENDS)('ESP list campaigns (%s)', (backend) => {
  let t: TestCollector;
  let rep: Account;
  let manager: Account;
  let otherRep: Account;
  beforeAll(async () => {
    t = await startTestCollector(backend);
    rep = await t.account('marketer@example.com', 'rep');
    manager = await t.account('boss@example.com', 'manager');
    otherRep = await t.account('other@example.com', 'rep');
  });
  afterAll(() => t?.stop());

  const campaign = { subject: 'Spring list', recipients: [], source: 'esp', recipientTag: '*|EMAIL|*', audienceSize: 4 };
  const html = '<p><a href="https://shop.example/sale">Sale</a> <a href="https://shop.example/x?n=*|FNAME|*">Hi</a></p>';
  const write = (method: 'POST' | 'PUT', path: string, body: unknown, key: string) =>
    t.request(path, { method, token: rep.token, headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
  /** What the ESP does for one recipient of the list: its merge tags replaced in every URL. */
  const asSentTo = (url: string, email: string) => t.path(url.replace('*|EMAIL|*', encodeURIComponent(email)).replace('*|FNAME|*', 'Ann'));

  it('takes a campaign without recipients only from an ESP, and carries the recipient tag on the pixel and every tracked link', async () => {
    const bad = await write('POST', '/api/messages', { ...campaign, source: 'gmail', html }, randomUUID());
    expect(bad.status).toBe(400);
    expect(ApiErrorSchema.parse(await bad.json()).message).toMatch(/recipient/);
    const res = await write('POST', '/api/messages', { ...campaign, html }, randomUUID());
    expect(res.status).toBe(201);
    const m = CreateMessageResponseSchema.parse(await res.json());
    expect(m.pixelUrl).toMatch(/\/o\/[\w-]+\.gif\?r=\*\|EMAIL\|\*$/);
    expect(m.links.map((l) => l.trackedUrl)).toEqual([
      expect.stringMatching(/\?r=\*\|EMAIL\|\*$/),
      expect.stringMatching(/\?m0=\*\|FNAME\|\*&r=\*\|EMAIL\|\*$/),
    ]);
    expect(m.warnings.map((w) => w.code)).not.toContain('shared_pixel');
  });

  it('refuses a recipient tag that could break out of the attribute', async () => {
    const res = await write('POST', '/api/messages', { ...campaign, html, recipientTag: '"><script>' }, randomUUID());
    expect(res.status).toBe(400);
  });

  it('counts unique opens and clicks per recipient address, and lists who opened and clicked to the sender and managers', async () => {
    const m = CreateMessageResponseSchema.parse(await (await write('POST', '/api/messages', { ...campaign, html }, randomUUID())).json());
    t.clock.advance(60_000); // past the scanner window
    for (const email of ['ann@example.com', 'bob@example.com', 'ann@example.com'])
      await t.request(asSentTo(m.pixelUrl!, email), { ua: BROWSER_UA, ip: '192.0.2.9' });
    const click = await t.request(asSentTo(m.links[1]!.trackedUrl!, 'bob@example.com'), { ua: BROWSER_UA, ip: '192.0.2.9' });
    expect(click.headers.get('location')).toBe('https://shop.example/x?n=Ann');
    await t.request(asSentTo(m.pixelUrl!, 'not an address'), { ua: BROWSER_UA, ip: '192.0.2.10' });
    await t.flush();
    const report = (await (await t.request(`/api/messages/${m.id}/reports/global`, { token: rep.token })).json()) as {
      opens: { total: number; unique: number };
    };
    expect(report.opens).toMatchObject({ total: 4, unique: 3 }); // ann, bob, and one unknown reader
    for (const token of [rep.token, manager.token]) {
      const res = await t.request(`/api/messages/${m.id}/recipients`, { token });
      const list = MessageRecipientsSchema.parse(await res.json());
      expect(list).toMatchObject({ audienceSize: 4, reached: 2, reachRate: 0.5 });
      expect(list.recipients.map((r) => [r.email, !!r.openedAt, !!r.clickedAt])).toEqual([
        ['ann@example.com', true, false],
        ['bob@example.com', true, true],
      ]);
    }
    expect((await t.request(`/api/messages/${m.id}/recipients`, { token: otherRep.token })).status).toBe(404);
  });

  it('updates the same message when the draft is tracked again under its key', async () => {
    const key = randomUUID();
    const first = CreateMessageResponseSchema.parse(await (await write('POST', '/api/messages', { ...campaign, html }, key)).json());
    const edited = `${html}<p><a href="https://shop.example/new">New</a></p>`;
    const res = await write('PUT', `/api/messages/by-key/${key}`, { ...campaign, html: edited, audienceSize: 5 }, key);
    expect(res.status).toBe(200);
    const second = CreateMessageResponseSchema.parse(await res.json());
    expect(second.id).toBe(first.id);
    expect(second.links.map((l) => l.url)).toEqual(['https://shop.example/sale', 'https://shop.example/x?n=*|FNAME|*', 'https://shop.example/new']);
    expect(second.links[0]!.trackedUrl).toBe(first.links[0]!.trackedUrl); // same token: same id, time and position
    const replay = CreateMessageResponseSchema.parse(await (await write('POST', '/api/messages', { ...campaign, html: edited, audienceSize: 5 }, key)).json());
    expect(replay.html).toBe(second.html);
    const list = MessageRecipientsSchema.parse(await (await t.request(`/api/messages/${first.id}/recipients`, { token: rep.token })).json());
    expect(list.audienceSize).toBe(5);
    expect((await write('PUT', `/api/messages/by-key/${randomUUID()}`, { ...campaign, html }, key)).status).toBe(404);
  });

  it('serves the pixel and the redirect whatever an ESP or a stranger puts in r= (unicode, controls, huge), counting only addresses', async () => {
    const m = CreateMessageResponseSchema.parse(await (await write('POST', '/api/messages', { ...campaign, html }, randomUUID())).json());
    const pixel = t.path(m.pixelUrl!).split('?')[0]!;
    const link = t.path(m.links[0]!.trackedUrl!).split('?')[0]!;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 50 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constant('x'.repeat(12_000))),
        async (value) => {
          const r = `r=${encodeURIComponent(value)}&r=%E0%A4%A`;
          const image = await t.request(`${pixel}?${r}`, { ua: BROWSER_UA, ip: '192.0.2.44' });
          expect(image.status).toBe(200);
          expect(image.headers.get('content-type')).toContain('image/gif');
          const click = await t.request(`${link}?${r}`, { ua: BROWSER_UA, ip: '192.0.2.44' });
          expect(click.status).toBe(302);
          expect(click.headers.get('location')).toBe('https://shop.example/sale');
        },
      ),
      { numRuns: 40 },
    );
    // Past node's 16 KB for a request's URL and headers: refused before any route, and the collector stays up.
    expect((await t.request(`${pixel}?r=${'x'.repeat(20_000)}`)).status).toBe(431);
    expect((await t.request(`${pixel}?r=a%40b.example`)).status).toBe(200);
    await t.flush();
    const list = MessageRecipientsSchema.parse(await (await t.request(`/api/messages/${m.id}/recipients`, { token: rep.token })).json());
    expect(list.recipients.every((r) => /^[^@\s]+@[^@\s]+$/.test(r.email))).toBe(true);
  });
});
