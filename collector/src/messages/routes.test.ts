import { ApiErrorSchema } from '@beacon/shared/api/errors';
import { CreateMessageResponseSchema, MessageDetailSchema, MessageListSchema } from '@beacon/shared/api/messages';
import { SCHEDULE_HORIZON_MS, SCHEDULE_SKEW_MS } from '@beacon/shared/schedule';
import { ReportSchema } from '@beacon/shared/api/reports';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type Account, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';

describe.each(BACKENDS)('messages API (%s)', (backend) => {
  let t: TestCollector;
  let rep: Account;
  let otherRep: Account;
  let manager: Account;
  let outsider: Account;
  beforeAll(async () => {
    t = await startTestCollector(backend);
    rep = await t.account('rep@example.com', 'rep');
    otherRep = await t.account('rep2@example.com', 'rep');
    manager = await t.account('manager@example.com', 'manager');
    outsider = await t.account('admin@other.example', 'admin', 'Other Co');
  });
  afterAll(() => t?.stop());

  const post = (body: unknown, init: { token?: string; type?: string; raw?: string; key?: string } = {}) =>
    t.request('/api/messages', {
      method: 'POST',
      token: init.token ?? rep.token,
      headers: { 'content-type': init.type ?? 'application/json', ...(init.key ? { 'idempotency-key': init.key } : {}) },
      body: init.raw ?? JSON.stringify(body),
    });
  const error = async (res: Response) => ApiErrorSchema.parse(await res.json());
  const valid = { subject: 'Q3 offer', recipients: [{ email: 'dana@client.example', name: 'Dana' }], html: '<p>Hi</p>' };

  it('registers a message and returns its tracked HTML, changing only href values and adding the pixel', async () => {
    const html = `<html><body><p style="x">Hello <a class=c href='https://a.example/1?x=1&amp;y=2'>one</a> <a href="mailto:z@z.example">mail</a></p></body></html>`;
    const res = await post({ ...valid, html });
    expect(res.status).toBe(201);
    const m = CreateMessageResponseSchema.parse(await res.json());
    const [tracked, mailto] = m.links;
    expect(tracked).toMatchObject({ url: 'https://a.example/1?x=1&y=2', type: 'tracked', count: 1 });
    expect(mailto).toMatchObject({ type: 'never', reason: expect.any(String) });
    const pixelTag = m.html.slice(m.html.indexOf('</p>') + 4, m.html.indexOf('</body>'));
    expect(m.html.replace(pixelTag, '').replace(tracked!.trackedUrl!.replace(/&/g, '&amp;'), 'https://a.example/1?x=1&amp;y=2')).toBe(html);
    // No image in the message: the pixel is a table's background (an <img> would cost it spam points).
    expect(pixelTag).toMatch(/^<table [^>]*background="[^"]+"/);
    expect(pixelTag).toContain(`background="${m.pixelUrl!}"`);
    expect(m.mirrorUrl).toMatch(/\/m\//);
    expect(m.unsubscribeUrl).toMatch(/\/u\//);
  });

  it('follows the tracking switches and per-link choices', async () => {
    const html = '<a href="https://a.example/1">1</a><a href="https://a.example/2">2</a><a href="https://a.example/3">3</a>';
    const off = CreateMessageResponseSchema.parse(await (await post({ ...valid, html, trackOpens: false, trackClicks: false })).json());
    expect(off.pixelUrl).toBeUndefined();
    expect(off.links.every((l) => l.type === 'never' && !l.trackedUrl)).toBe(true);
    expect(off.html).toBe(html);
    const links = [
      { url: 'https://a.example/1', type: 'never' },
      { url: 'https://a.example/2', type: 'optout' },
    ];
    const chosen = CreateMessageResponseSchema.parse(await (await post({ ...valid, html, links })).json());
    expect(chosen.links.map((l) => l.type)).toEqual(['never', 'optout', 'tracked']);
    // A link already pointing at this collector is not wrapped again.
    const again = CreateMessageResponseSchema.parse(await (await post({ ...valid, html: `<a href="${chosen.links[2]!.trackedUrl}">t</a>` })).json());
    expect(again.links[0]).toMatchObject({ type: 'never' });
  });

  it('refuses bad input with 4xx and the field to blame', async () => {
    const cases: [unknown, number, string, string?][] = [
      [{ ...valid, subject: undefined }, 400, 'validation_failed', 'subject'],
      [{ ...valid, recipients: [{ email: 'not-an-email' }] }, 400, 'validation_failed', 'recipients.0.email'],
      [{ ...valid, recipients: [] }, 400, 'validation_failed', 'recipients'],
      [{ ...valid, html: 42 }, 400, 'validation_failed', 'html'],
      [{ ...valid, source: 'fax' }, 400, 'validation_failed', 'source'],
      [{ ...valid, links: [{ url: 'https://a.example', type: 'sometimes' }] }, 400, 'validation_failed', 'links.0.type'],
      [[valid], 400, 'validation_failed'],
      [null, 400, 'validation_failed'],
      ['{"subject":', 400, 'bad_request'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await post(body, typeof body === 'string' ? { raw: body } : {});
      expect(res.status).toBe(status);
      const e = await error(res);
      expect(e.code).toBe(code);
      if (field) expect(e.field).toBe(field);
    }
    const nested = '['.repeat(100_000) + ']'.repeat(100_000);
    expect((await post(null, { raw: nested })).status).toBe(400);
    expect((await post(valid, { type: 'text/plain' })).status).toBe(415);
    const big = await post({ ...valid, html: 'x'.repeat(5 * 1024 * 1024 + 10) });
    expect(big.status).toBe(413);
    expect((await error(big)).code).toBe('payload_too_large');
  });

  it('stores hostile text as text', async () => {
    const withNul = await post({ ...valid, recipients: [{ email: 'a@b.example', name: 'A\u0000B' }] });
    expect(withNul.status).toBe(400);
    expect((await error(withNul)).field).toBe('recipients.0.name');
    const halfPair = await post({ ...valid, subject: 'Hi \ud800' });
    expect(halfPair.status).toBe(400);
    expect((await error(halfPair)).field).toBe('subject');
    const subject = "Robert'); DROP TABLE messages;-- ☃";
    const res = await post({ ...valid, subject });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const detail = MessageDetailSchema.parse(await (await t.request(`/api/messages/${id}`, { token: rep.token })).json());
    expect(detail.subject).toContain('DROP TABLE messages');
    const bytes = Buffer.concat([
      Buffer.from('{"subject":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('","recipients":[{"email":"a@b.example"}],"html":"x"}'),
    ]);
    const invalidUtf8 = await t.request('/api/messages', { method: 'POST', token: rep.token, headers: { 'content-type': 'application/json' }, body: bytes });
    expect(invalidUtf8.status).toBeLessThan(500);
  });

  it('lists newest first with counts, pages with a cursor, and searches subjects', async () => {
    const own = await t.account('lister@example.com', 'rep');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      ids.push((await t.send(own.token, { subject: i === 2 ? 'Special 50%_off' : `Note ${i}`, html: '<p>x</p>' })).id);
    }
    const first = MessageListSchema.parse(await (await t.request('/api/messages?limit=2', { token: own.token })).json());
    expect(first.items.map((m) => m.id)).toEqual([ids[4], ids[3]]);
    expect(first.items[0]).toMatchObject({ opens: { total: 0, unique: 0 }, sender: { email: 'lister@example.com' } });
    const second = MessageListSchema.parse(await (await t.request(`/api/messages?limit=2&cursor=${first.nextCursor}`, { token: own.token })).json());
    expect(second.items.map((m) => m.id)).toEqual([ids[2], ids[1]]);
    const third = MessageListSchema.parse(await (await t.request(`/api/messages?limit=2&cursor=${second.nextCursor}`, { token: own.token })).json());
    expect(third.items.map((m) => m.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();
    const found = MessageListSchema.parse(await (await t.request('/api/messages?q=50%25_', { token: own.token })).json());
    expect(found.items.map((m) => m.id)).toEqual([ids[2]]);
    for (const bad of ['limit=0', 'limit=101', 'limit=x', 'cursor=garbage']) {
      const res = await t.request(`/api/messages?${bad}`, { token: own.token });
      expect(res.status).toBe(400);
      expect((await error(res)).field).toBe(bad.split('=')[0]);
    }
  });

  it("shows a rep only their own messages, a manager the workspace's, and nobody another workspace's", async () => {
    const mine = await t.send(rep.token, { html: '<p>mine</p>' });
    const listed = async (a: Account) =>
      MessageListSchema.parse(await (await t.request('/api/messages?limit=100', { token: a.token })).json()).items.map((m) => m.id);
    expect(await listed(rep)).toContain(mine.id);
    expect(await listed(otherRep)).not.toContain(mine.id);
    expect(await listed(manager)).toContain(mine.id);
    expect(await listed(outsider)).toEqual([]);
    for (const a of [otherRep, outsider]) {
      for (const path of [`/api/messages/${mine.id}`, `/api/messages/${mine.id}/reports/live`, `/api/messages/${mine.id}/reports/global`]) {
        const res = await t.request(path, { token: a.token });
        expect(res.status).toBe(404);
        expect((await error(res)).code).toBe('not_found');
      }
    }
    const detail = MessageDetailSchema.parse(await (await t.request(`/api/messages/${mine.id}`, { token: manager.token })).json());
    expect(detail).toMatchObject({ id: mine.id, trackOpens: true, trackClicks: true, mirrorUrl: mine.mirrorUrl });
    expect((await t.request('/api/messages/not-a-uuid', { token: rep.token })).status).toBe(400);
    expect((await t.request('/api/messages/00000000-0000-4000-8000-000000000000', { token: rep.token })).status).toBe(404);
  });

  it('answers unknown routes with 404 (JSON under /api, a page elsewhere) and allows the extension by CORS', async () => {
    const api = await t.request('/api/nope', { token: rep.token });
    expect(api.status).toBe(404);
    expect((await error(api)).code).toBe('not_found');
    expect((await t.request('/api/nope')).status).toBe(404);
    expect((await t.request('/api/messages', { method: 'DELETE', token: rep.token })).status).toBe(404);
    const page = await t.request('/favicon.ico');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const pre = await t.request('/api/messages', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    // The production extension has no host permission for the collector: each method it uses must pass the preflight.
    for (const [path, method] of [
      ['/api/messages/by-key/k1', 'PUT'],
      ['/api/messages/m1', 'DELETE'],
    ] as const) {
      const asked = await t.request(path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method } });
      expect(asked.headers.get('access-control-allow-methods')).toContain(method);
    }
    const evil = await t.request('/api/me', { token: rep.token, headers: { origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('scheduled sends', () => {
    const at = (ms: number) => new Date(ms).toISOString();
    const tokenOf = (url: string) => new URL(url).pathname.split('/')[2]!.replace(/\.gif$/, '');
    const html = '<p>Later <a href="https://a.example/later">x</a></p>';

    it("takes the scheduled time (whole seconds) as the message's sent time, in the API, the tokens and the scanner window", async () => {
      const scheduled = t.clock.now() + 3 * 3_600_000 + 1_234;
      const m = CreateMessageResponseSchema.parse(await (await post({ ...valid, subject: 'Scheduled for later', html, scheduledAt: at(scheduled) })).json());
      const sentAt = Math.floor(scheduled / 1000) * 1000;
      const detail = MessageDetailSchema.parse(await (await t.request(`/api/messages/${m.id}`, { token: rep.token })).json());
      expect(detail.sentAt).toBe(at(sentAt));
      const list = MessageListSchema.parse(await (await t.request('/api/messages?q=Scheduled%20for%20later', { token: rep.token })).json());
      expect(list.items.map((i) => i.sentAt)).toEqual([at(sentAt)]);
      const signer = t.collector.deps.signer;
      expect(signer.verify(tokenOf(m.pixelUrl!), ['open'])?.sentAt).toBe(sentAt);
      expect(signer.verify(tokenOf(m.links[0]!.trackedUrl!), ['click'])?.sentAt).toBe(sentAt);
      // A click before the message goes out is a link scanner's, however late after the registration.
      expect((await t.request(t.path(m.links[0]!.trackedUrl!), { ip: '192.0.2.44' })).status).toBe(302);
      expect(await t.events<{ classification: string }>(m.id, 'classification')).toEqual([{ classification: 'scanner' }]);
    });

    it('refuses a scheduled time that is not an ISO time, past beyond the clock skew, or too far ahead, with 400 naming scheduledAt', async () => {
      const now = t.clock.now();
      for (const scheduledAt of [
        'tomorrow',
        '2030-01-16',
        1893456000,
        '9999-12-31T23:59:59Z',
        at(now - SCHEDULE_SKEW_MS - 60_000),
        at(now + SCHEDULE_HORIZON_MS + 86_400_000),
      ]) {
        const res = await post({ ...valid, subject: 'Badly scheduled', scheduledAt });
        expect(res.status).toBe(400);
        expect(await error(res)).toMatchObject({ code: 'validation_failed', field: 'scheduledAt' });
      }
      expect((await post({ ...valid, subject: 'Badly scheduled', scheduledAt: at(now - 60_000) })).status).toBe(201); // within the skew
      expect((await post({ ...valid, subject: 'Badly scheduled', scheduledAt: '2030-01-15T18:30:00+02:00' })).status).toBe(201);
    });

    it('withdraws a cancelled scheduled message: gone from the list and reports, its hits counted nowhere', async () => {
      const own = await t.account('scheduler@example.com', 'rep');
      const sent = async () => ReportSchema.parse(await (await t.request('/api/reports/global', { token: own.token })).json());
      const key = randomUUID();
      const m = CreateMessageResponseSchema.parse(
        await (
          await post({ ...valid, subject: 'Scheduled, then cancelled', html, scheduledAt: at(t.clock.now() + 3_600_000) }, { key, token: own.token })
        ).json(),
      );
      expect((await sent()).sent).toBe(1);
      expect((await t.request(`/api/messages/by-key/${key}`, { method: 'DELETE', token: own.token })).status).toBe(204);
      expect((await t.request(`/api/messages/${m.id}`, { token: own.token })).status).toBe(404);
      expect(MessageListSchema.parse(await (await t.request('/api/messages', { token: own.token })).json()).items).toEqual([]);
      t.clock.advance(2 * 3_600_000);
      expect((await t.request(t.path(m.pixelUrl!), { ip: '192.0.2.45' })).status).toBe(200); // the pixel is always served
      expect(await t.events(m.id, 'id')).toEqual([]);
      expect(await sent()).toMatchObject({ sent: 0, opens: { total: 0 } });
    });

    it('answers a replayed scheduled registration with the same message and tokens, even once its time has passed', async () => {
      const key = randomUUID();
      const body = { ...valid, subject: 'Scheduled, sent twice', html, scheduledAt: at(t.clock.now() + 60_000) };
      const first = await post(body, { key });
      expect(first.status).toBe(201);
      t.clock.advance(SCHEDULE_SKEW_MS + 120_000);
      const again = await post(body, { key });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(CreateMessageResponseSchema.parse(await again.json())).toEqual(CreateMessageResponseSchema.parse(await first.json()));
      // The key was not taken by a refused registration: a new key for a past time is refused, and frees its key.
      const late = randomUUID();
      expect((await post(body, { key: late })).status).toBe(400);
      expect((await post({ ...body, scheduledAt: undefined }, { key: late })).status).toBe(201);
    });
  });

  describe('Idempotency-Key', () => {
    const subjectCount = async (a: Account, subject: string) =>
      MessageListSchema.parse(await (await t.request(`/api/messages?limit=100&q=${encodeURIComponent(subject)}`, { token: a.token })).json()).items.length;
    const sent = async (a: Account, scope: 'live' | 'global') =>
      ReportSchema.parse(await (await t.request(`/api/reports/${scope}`, { token: a.token })).json()).sent;
    const withdraw = (key: string, a: Account = rep) => t.request(`/api/messages/by-key/${key}`, { method: 'DELETE', token: a.token });

    it('registers a message once per key: a repeat, even seconds later, gets the same message and tracked HTML back', async () => {
      const key = randomUUID();
      const body = { ...valid, subject: 'Once only', html: '<p>Hi <a href="https://a.example/x">x</a></p>' };
      const first = await post(body, { key });
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      t.clock.advance(7_000); // a new registration would be signed with another time
      const again = await post(body, { key });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const a = CreateMessageResponseSchema.parse(await first.json());
      expect(CreateMessageResponseSchema.parse(await again.json())).toEqual(a);
      expect(a.links[0]?.trackedUrl).toMatch(/\/c\//);
      expect(await subjectCount(rep, 'Once only')).toBe(1);
      // Defaults spelled out are the same request.
      expect((await post({ ...body, trackOpens: true, source: 'api' }, { key })).status).toBe(201);
      expect(await subjectCount(rep, 'Once only')).toBe(1);
    });

    it('registers one message when attempts with one key race each other', async () => {
      const key = randomUUID();
      const body = { ...valid, subject: 'Raced registration' };
      const answers = await Promise.all(Array.from({ length: 6 }, () => post(body, { key })));
      expect(answers.map((r) => r.status)).toEqual(Array(6).fill(201));
      const ids = new Set(await Promise.all(answers.map(async (r) => CreateMessageResponseSchema.parse(await r.json()).id)));
      expect(ids.size).toBe(1);
      expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
      expect(await subjectCount(rep, 'Raced registration')).toBe(1);
    });

    it('refuses a key reused for another message, and a key that is not a UUID', async () => {
      const key = randomUUID();
      expect((await post({ ...valid, subject: 'First use' }, { key })).status).toBe(201);
      const reused = await post({ ...valid, subject: 'Second use' }, { key });
      expect(reused.status).toBe(409);
      expect(await error(reused)).toMatchObject({ code: 'conflict', message: expect.stringContaining('another message') });
      expect(await subjectCount(rep, 'Second use')).toBe(0);
      const bad = await post(valid, { key: 'not-a-uuid' });
      expect(bad.status).toBe(400);
      expect((await error(bad)).field).toBe('Idempotency-Key');
    });

    it("keeps each sender's keys apart", async () => {
      const key = randomUUID();
      const body = { ...valid, subject: 'Same key, two senders' };
      const mine = CreateMessageResponseSchema.parse(await (await post(body, { key })).json());
      const res = await post(body, { key, token: otherRep.token });
      expect(res.status).toBe(201);
      expect(res.headers.get('idempotent-replayed')).toBeNull();
      expect(CreateMessageResponseSchema.parse(await res.json()).id).not.toBe(mine.id);
      const outside = await post(body, { key, token: outsider.token });
      expect(outside.status).toBe(201);
      expect(CreateMessageResponseSchema.parse(await outside.json()).id).not.toBe(mine.id);
    });

    it('withdraws a registration by key: the message and its sent count go, for its sender only, and the key stays spent', async () => {
      const own = await t.account('withdrawer@example.com', 'rep');
      const before = { live: await sent(own, 'live'), global: await sent(own, 'global'), team: await sent(manager, 'global') };
      const key = randomUUID();
      const body = { ...valid, subject: 'Cancelled after a cut', recipients: [{ email: 'a@x.example' }, { email: 'b@x.example' }] };
      const m = CreateMessageResponseSchema.parse(await (await post(body, { key, token: own.token })).json());
      expect(await sent(own, 'live')).toBe(before.live + 2);
      expect(await sent(manager, 'global')).toBe(before.team + 2);
      // The sender's minute and hour arrays (a live report reads the hour once it is whole) hold the 2 as well.
      const inArrays = async () => {
        const [row] = await t.collector.deps.sql<{ minutes: number; hours: number }[]>`select
          (select coalesce(sum(x), 0)::int from rollup_minutes, unnest(n) x where scope = 'u' and scope_id = ${own.user.id} and metric = 'sent') as minutes,
          (select coalesce(sum(n[24]), 0)::int from rollup_hours where scope = 'u' and scope_id = ${own.user.id} and metric = 'sent') as hours`;
        return row;
      };
      expect(await inArrays()).toEqual({ minutes: 2, hours: 2 });
      // Other users' withdrawals of this key name their own keys: nothing of this sender's goes.
      for (const a of [otherRep, manager, outsider]) expect((await withdraw(key, a)).status).toBe(204);
      expect((await t.request(`/api/messages/${m.id}`, { token: own.token })).status).toBe(200);

      expect((await withdraw(key, own)).status).toBe(204);
      expect((await t.request(`/api/messages/${m.id}`, { token: own.token })).status).toBe(404);
      expect(await sent(own, 'live')).toBe(before.live);
      expect(await sent(own, 'global')).toBe(before.global);
      expect(await sent(manager, 'global')).toBe(before.team);
      expect(await inArrays()).toEqual({ minutes: 0, hours: 0 });
      expect((await withdraw(key, own)).status).toBe(204); // the queue retries: a second time changes nothing
      const late = await post(body, { key, token: own.token });
      expect(late.status).toBe(409);
      expect((await error(late)).message).toContain('withdrawn');
      expect(await subjectCount(own, 'Cancelled after a cut')).toBe(0);
      expect((await withdraw('nope', own)).status).toBe(400);
    });

    it('withdraws a key before its registration arrives, so the late registration makes nothing', async () => {
      const key = randomUUID();
      expect((await withdraw(key)).status).toBe(204);
      const late = await post({ ...valid, subject: 'Arrived after its withdrawal' }, { key });
      expect(late.status).toBe(409);
      expect(await subjectCount(rep, 'Arrived after its withdrawal')).toBe(0);
    });

    it('deletes a message by id for its sender only', async () => {
      const m = await t.send(rep.token, { subject: 'Delete me by id', html: '<p>x</p>' });
      for (const a of [otherRep, manager, outsider]) {
        const res = await t.request(`/api/messages/${m.id}`, { method: 'DELETE', token: a.token });
        expect(res.status).toBe(404);
        expect((await error(res)).code).toBe('not_found');
      }
      expect((await t.request(`/api/messages/${m.id}`, { token: manager.token })).status).toBe(200);
      expect((await t.request(`/api/messages/${m.id}`, { method: 'DELETE', token: rep.token })).status).toBe(204);
      expect((await t.request(`/api/messages/${m.id}`, { token: manager.token })).status).toBe(404);
      expect((await t.request(`/api/messages/${m.id}`, { method: 'DELETE', token: rep.token })).status).toBe(404);
      expect((await t.request(`/api/messages/${m.id}`, { method: 'DELETE' })).status).toBe(401);
    });
  });
});
