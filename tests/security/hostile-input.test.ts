import { HealthSchema } from '@beacon/shared/api/health';
import { MessageDetailSchema, MessageListSchema } from '@beacon/shared/api/messages';
import { startTestCollector, type TestCollector } from '@beacon/collector/test/support/collector.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '@beacon/shared/api/errors';
import { expectApiError, rawRequest, register } from './support.ts';

async function expectRawError(res: Awaited<ReturnType<typeof rawRequest>>, what: string, status: number) {
  expect(res.status, `${what}: ${res.headers}`).toBe(status);
  expect(res.headers.toLowerCase(), what).toContain('content-type: application/json');
  expect(ApiErrorSchema.safeParse(JSON.parse(res.body)).success, `${what}: ${res.body}`).toBe(true);
}

/** Every API route, as a request a valid client would make; `{id}` is a real message of the caller. */
const ROUTES = [
  { method: 'GET', path: '/api/health', spec: '/api/health' },
  { method: 'GET', path: '/api/openapi.json', spec: '/api/openapi.json' },
  { method: 'GET', path: '/api/me', spec: '/api/me' },
  { method: 'GET', path: '/api/messages', spec: '/api/messages' },
  { method: 'POST', path: '/api/messages', spec: '/api/messages' },
  { method: 'GET', path: '/api/messages/{id}', spec: '/api/messages/{id}' },
  { method: 'GET', path: '/api/messages/{id}/reports/live', spec: '/api/messages/{id}/reports/{kind}' },
  { method: 'GET', path: '/api/reports/global', spec: '/api/reports/{kind}' },
  { method: 'GET', path: '/api/stream', spec: '/api/stream' },
  { method: 'GET', path: '/api/suppressions?email=a%40b.example', spec: '/api/suppressions' },
  { method: 'DELETE', path: '/api/messages/by-key/{key}', spec: '/api/messages/by-key/{key}' },
  { method: 'PUT', path: '/api/messages/by-key/{key}', spec: '/api/messages/by-key/{key}' },
  { method: 'GET', path: '/api/messages/{id}/recipients', spec: '/api/messages/{id}/recipients' },
  { method: 'DELETE', path: '/api/messages/{id}', spec: '/api/messages/{id}' },
  { method: 'POST', path: '/api/messages/status', spec: '/api/messages/status' },
] as const;
const KEY = '0b6f2a52-8e8f-4c8e-9a3c-2f4d6f1f3a77'; // a well-formed Idempotency-Key nobody used

const SQL_META = [
  "Robert'); DROP TABLE messages;--",
  "' OR '1'='1",
  '" OR ""="',
  '%_\\',
  '$$; select pg_sleep(10); $$',
  '1; delete from events where true; --',
  '\\x00\\\\',
  "E'\\\\'",
];

describe('hostile input on every API route (real HTTP, PGlite)', () => {
  let t: TestCollector;
  let base: string;
  let id: string;
  beforeAll(async () => {
    // A generous rate limit: this file sends hundreds of requests with one token on purpose.
    t = await startTestCollector('pglite', { env: { BEACON_RATE_LIMIT_BURST: '1000000', BEACON_RATE_LIMIT_PER_MINUTE: '1000000' } });
    base = t.collector.url;
    id = (await register(base, t.admin.token, { html: '<p>x</p>' })).id;
  });
  afterAll(async () => {
    // The server is still up and its database answers after everything below.
    const health = HealthSchema.parse(await (await fetch(`${base}/api/health`)).json());
    expect(health).toMatchObject({ ok: true, database: 'up' });
    await t?.stop();
  });

  const fill = (path: string) => path.replace('{id}', id).replace('{key}', KEY);
  const url = (path: string) => `${base}${fill(path)}`;
  const call = (method: string, path: string, init: RequestInit = {}) =>
    fetch(url(path), { method, ...init, headers: { authorization: `Bearer ${t.admin.token}`, ...init.headers } });
  const postJson = (body: string | Buffer) =>
    call('POST', '/api/messages', { headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const valid = { subject: 'Hi', recipients: [{ email: 'a@client.example', name: 'A' }], html: '<p>hi</p>' };

  it('covers every API route the OpenAPI document lists', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, object> };
    const api = Object.keys(doc.paths).filter((p) => p.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(5);
    for (const path of api)
      expect(
        ROUTES.map((r) => r.spec),
        path,
      ).toContain(path);
  });

  it('answers a body over 5 MB with 413 on every route, with or without Content-Length', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
    const head = (path: string, framing: string) =>
      Buffer.from(
        `POST ${fill(path)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.admin.token}\r\n` +
          `Content-Type: application/json\r\n${framing}\r\nConnection: close\r\n\r\n`,
      );
    for (const r of ROUTES) {
      const res = await rawRequest(t.collector.port, Buffer.concat([head(r.path, `Content-Length: ${big.length}`), big]));
      await expectRawError(res, `POST ${r.path}`, 413);
    }
    // Streamed (chunked, no length up front): counted as it arrives.
    const chunk = Buffer.concat([Buffer.from(`100000\r\n`), Buffer.alloc(0x100000, 0x20), Buffer.from('\r\n')]);
    const chunked = Buffer.concat([head('/api/messages', 'Transfer-Encoding: chunked'), ...Array<Buffer>(6).fill(chunk), Buffer.from('0\r\n\r\n')]);
    await expectRawError(await rawRequest(t.collector.port, chunked), 'chunked 6 MB', 413);
  });

  it('refuses JSON nested 100,000 levels deep, wherever it is', async () => {
    const deepArray = '['.repeat(100_000) + ']'.repeat(100_000);
    const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const j = (s: string) => JSON.stringify(s);
    const bodies = [
      deepArray,
      deepObject,
      `{"subject":${deepArray},"recipients":[{"email":"a@b.example"}],"html":"x"}`,
      `{"subject":"s","recipients":${deepArray},"html":"x"}`,
      `{"subject":"s","recipients":[{"email":"a@b.example","name":${deepObject}}],"html":"x"}`,
      `{"subject":"s","recipients":[{"email":"a@b.example"}],"html":${deepObject}}`,
      `{"subject":"s","recipients":[{"email":"a@b.example"}],"html":"x","links":[{"url":${deepArray},"type":"never"}]}`,
      `{"subject":${j('s')},"recipients":[{"email":"a@b.example"}],"html":"x","trackOpens":${deepObject}}`,
    ];
    for (const body of bodies) await expectApiError(await postJson(body), `deep ${body.slice(0, 60)}`, 400);
    // An unknown member is ignored, however deep: the message itself is valid.
    const extra = await postJson(`{"subject":"s","recipients":[{"email":"a@b.example"}],"html":"x","extra":${deepObject}}`);
    expect(extra.status).toBe(201);
  });

  it('refuses wrong types in every field and query parameter with the field to blame', async () => {
    const wrong: unknown[] = [null, 0, 1.5, true, 'text', [], {}, [1], { a: 1 }];
    const fields: Record<string, (v: unknown) => unknown> = {
      subject: (v) => ({ ...valid, subject: v }),
      recipients: (v) => ({ ...valid, recipients: v }),
      'recipients.0': (v) => ({ ...valid, recipients: [v] }),
      'recipients.0.email': (v) => ({ ...valid, recipients: [{ email: v }] }),
      'recipients.0.name': (v) => ({ ...valid, recipients: [{ email: 'a@b.example', name: v }] }),
      html: (v) => ({ ...valid, html: v }),
      trackOpens: (v) => ({ ...valid, trackOpens: v }),
      trackClicks: (v) => ({ ...valid, trackClicks: v }),
      links: (v) => ({ ...valid, links: v }),
      'links.0.url': (v) => ({ ...valid, links: [{ url: v, type: 'never' }] }),
      'links.0.type': (v) => ({ ...valid, links: [{ url: 'https://a.example/', type: v }] }),
      source: (v) => ({ ...valid, source: v }),
      recipientTag: (v) => ({ ...valid, recipientTag: v }),
      audienceSize: (v) => ({ ...valid, audienceSize: v }),
      scheduledAt: (v) => ({ ...valid, scheduledAt: v }),
      pixelForm: (v) => ({ ...valid, pixelForm: v }),
    };
    const accepts: Record<string, (v: unknown) => boolean> = {
      subject: (v) => typeof v === 'string',
      'recipients.0.name': (v) => typeof v === 'string',
      html: (v) => typeof v === 'string',
      trackOpens: (v) => typeof v === 'boolean',
      trackClicks: (v) => typeof v === 'boolean',
      links: (v) => Array.isArray(v) && v.length === 0,
      'links.0.url': (v) => typeof v === 'string',
      recipientTag: (v) => typeof v === 'string',
    };
    for (const [field, make] of Object.entries(fields)) {
      for (const v of wrong) {
        const res = await postJson(JSON.stringify(make(v)));
        if (accepts[field]?.(v)) {
          expect(res.status, `${field}=${JSON.stringify(v)}`).toBe(201);
          continue;
        }
        const e = await expectApiError(res, `${field}=${JSON.stringify(v)}`, 400);
        expect(e.code).toBe('validation_failed');
        expect(e.field === field || e.field?.startsWith(`${field}.`), `${field}=${JSON.stringify(v)} blamed ${e.field}`).toBe(true);
      }
    }
    for (const body of ['null', '0', '"text"', 'true', '[]', '{}']) await expectApiError(await postJson(body), body, 400);
    // The mailbox's status lookups: each field, each wrong type, blamed by name.
    for (const [field, make] of Object.entries({
      tokens: (v: unknown) => ({ tokens: v }),
      'tokens.0': (v: unknown) => ({ tokens: [v] }),
      ids: (v: unknown) => ({ ids: v }),
      'ids.0': (v: unknown) => ({ ids: [v] }),
    })) {
      for (const v of wrong) {
        const res = await call('POST', '/api/messages/status', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(make(v)) });
        if ((field === 'tokens' || field === 'ids') && Array.isArray(v) && v.length === 0) {
          expect(res.status, `${field}=[]`).toBe(200);
          continue;
        }
        if (field === 'tokens.0' && typeof v === 'string') {
          expect(res.status, `${field}=${JSON.stringify(v)}`).toBe(200); // a token nobody signed: simply absent
          continue;
        }
        const e = await expectApiError(res, `status ${field}=${JSON.stringify(v)}`, 400);
        expect(e.field === field || e.field?.startsWith(`${field}.`), `status ${field}=${JSON.stringify(v)} blamed ${e.field}`).toBe(true);
      }
    }
    const queries = [
      ['/api/messages?limit=abc', 'limit'],
      ['/api/messages?limit=1e999', 'limit'],
      ['/api/messages?limit=-1', 'limit'],
      ['/api/messages?limit=2.5', 'limit'],
      ['/api/messages?limit[]=1', null],
      ['/api/messages?cursor=W10', 'cursor'],
      ['/api/messages?cursor=bnVsbA', 'cursor'],
      ['/api/messages?cursor=WzEsMl0', 'cursor'],
      ['/api/messages/42', 'id'],
      ['/api/messages/{id}/reports/monthly', 'kind'],
      ['/api/messages/42/recipients', 'id'],
      ['/api/reports/42', 'kind'],
      ['/api/suppressions?email=42', 'email'],
      ['/api/suppressions?email[]=a%40b.example', null],
    ] as const;
    for (const [path, field] of queries) {
      const res = await call('GET', path);
      if (field === null) {
        expect(res.status, path).toBeLessThan(500);
        continue;
      }
      expect((await expectApiError(res, path, 400)).field).toBe(field);
    }
  });

  it('refuses malformed ids and keys on the DELETE routes with the parameter to blame, and deletes nothing', async () => {
    for (const bad of ['42', 'not-a-uuid', ...SQL_META, `${KEY}x`, '%00']) {
      const e = encodeURIComponent(bad);
      expect((await expectApiError(await call('DELETE', `/api/messages/${e}`), `DELETE id ${bad}`, 400)).field).toBe('id');
      expect((await expectApiError(await call('DELETE', `/api/messages/by-key/${e}`), `DELETE key ${bad}`, 400)).field).toBe('key');
    }
    expect((await expectApiError(await call('DELETE', `/api/messages/${KEY}`), 'DELETE unknown id', 404)).code).toBe('not_found');
    expect((await call('DELETE', `/api/messages/by-key/${KEY}`)).status).toBe(204); // nothing registered with it: idempotent
    expect((await call('GET', `/api/messages/${id}`)).status).toBe(200);
  });

  it('handles invalid UTF-8 in bodies, query strings and paths without a 5xx', async () => {
    const bad = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]);
    for (const field of ['subject', 'name', 'html', 'email', 'url']) {
      const body = Buffer.concat([
        Buffer.from(`{"subject":"${field === 'subject' ? '' : 's'}`),
        ...(field === 'subject' ? [bad] : []),
        Buffer.from(`","recipients":[{"email":"a${field === 'email' ? '' : ''}`),
        ...(field === 'email' ? [bad] : []),
        Buffer.from(`@b.example","name":"n`),
        ...(field === 'name' ? [bad] : []),
        Buffer.from(`"}],"html":"h`),
        ...(field === 'html' ? [bad] : []),
        Buffer.from(`","links":[{"url":"https://a.example/`),
        ...(field === 'url' ? [bad] : []),
        Buffer.from(`","type":"never"}]}`),
      ]);
      const res = await postJson(body);
      if (res.status === 201) {
        // Decoded with replacement characters: stored as text, never as raw bytes.
        const created = (await res.json()) as { id: string; html: string };
        const detail = MessageDetailSchema.parse(await (await call('GET', `/api/messages/${created.id}`)).json());
        const echoed = field === 'html' ? created.html : JSON.stringify(detail);
        if (field !== 'url') expect(echoed, field).toContain('\ufffd'); // (a link override is not echoed)
      } else {
        await expectApiError(res, `invalid UTF-8 in ${field}`);
      }
    }
    const encoded = ['%FF%FE', '%C3%28', '%ED%A0%80', '%E0%80%AF', '%', '%G1', '%00'];
    for (const e of encoded) {
      for (const path of [
        `/api/messages?q=${e}`,
        `/api/messages?cursor=${e}`,
        `/api/messages?limit=${e}`,
        `/api/suppressions?email=${e}`,
        `/api/suppressions?email=a${e}%40b.example`,
        `/api/messages/${e}`,
        `/api/messages/{id}/reports/${e}`,
        `/api/reports/${e}`,
        `/api/me?x=${e}`,
      ]) {
        const res = await call('GET', path);
        if (res.status === 200) continue; // e.g. a search for text that matches nothing
        await expectApiError(res, path);
      }
    }
    // Raw bytes in the request line, as no browser would send them.
    for (const path of ['/api/messages?q=', '/api/suppressions?email=', '/api/reports/', '/api/messages/']) {
      const req = Buffer.concat([
        Buffer.from(`GET ${path}`),
        bad,
        Buffer.from(` HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.admin.token}\r\nConnection: close\r\n\r\n`),
      ]);
      const res = await rawRequest(t.collector.port, req);
      expect(res.status, `raw ${path}: ${res.headers}`).toBeGreaterThanOrEqual(200);
      expect(res.status, `raw ${path}: ${res.body}`).toBeLessThan(500);
    }
  });

  it('stores SQL metacharacters verbatim and never lets them reach the query text', async () => {
    for (const s of SQL_META) {
      const link = `https://shop.example/?q=${encodeURIComponent(s)}`;
      const m = await register(base, t.admin.token, {
        subject: `Offer ${s}`,
        recipients: [{ email: 'meta@client.example', name: s }],
        html: `<p>${s.replace(/[<&]/g, '')}</p><a href="${link}">x</a>`,
        links: [{ url: link, type: 'never' }],
      });
      const detail = MessageDetailSchema.parse(await (await call('GET', `/api/messages/${m.id}`)).json());
      expect(detail.subject).toBe(`Offer ${s}`);
      expect(detail.recipients[0]!.name).toBe(s);
      expect(detail.links).toEqual([expect.objectContaining({ url: link, type: 'never' })]);
      expect(m.html).toContain(`<p>${s.replace(/[<&]/g, '')}</p>`);
      const found = MessageListSchema.parse(await (await call('GET', `/api/messages?limit=100&q=${encodeURIComponent(s)}`)).json());
      expect(found.items.map((i) => i.id)).toEqual([m.id]);
      for (const path of [
        `/api/messages?cursor=${encodeURIComponent(s)}`,
        `/api/messages?limit=${encodeURIComponent(s)}`,
        `/api/messages/${encodeURIComponent(s)}`,
        `/api/messages/${m.id}/reports/${encodeURIComponent(s)}`,
        `/api/reports/${encodeURIComponent(s)}`,
        `/api/suppressions?email=${encodeURIComponent(s)}`,
      ]) {
        await expectApiError(await call('GET', path), path, 400);
      }
      const suppression = await call('GET', `/api/suppressions?email=${encodeURIComponent(`x${s.replace(/[^a-z'%_]/gi, '')}@b.example`)}`);
      expect(suppression.status).toBeLessThan(500);
    }
    // Quotes are legal in an address's local part: accepted and stored as written, or refused as invalid.
    const quoted = await postJson(JSON.stringify({ ...valid, recipients: [{ email: "o'brien--@client.example" }] }));
    if (quoted.status === 201) {
      const { id: qid } = (await quoted.json()) as { id: string };
      const detail = MessageDetailSchema.parse(await (await call('GET', `/api/messages/${qid}`)).json());
      expect(detail.recipients[0]!.email).toBe("o'brien--@client.example");
    } else {
      await expectApiError(quoted, 'quoted address', 400);
    }
    const [row] = await t.collector.deps.sql<{ n: number }[]>`select count(*)::int as n from messages`;
    expect(row!.n).toBeGreaterThan(SQL_META.length); // the table is still there, with every message
  });

  it('answers a wrong content type with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', 'json']) {
      const res = await call('POST', '/api/messages', { headers: type ? { 'content-type': type } : {}, body: JSON.stringify(valid) });
      expect((await expectApiError(res, `content-type ${type}`, 415)).code).toBe('unsupported_media_type');
    }
  });

  it('answers huge query strings on every route with a JSON 4xx (or the answer a valid one gets)', async () => {
    for (const size of [8_000, 15_000, 64_000, 1_000_000]) {
      for (const r of ROUTES) {
        if (r.method !== 'GET' || r.path === '/api/stream') continue;
        const path = `${r.path}${r.path.includes('?') ? '&' : '?'}q=${'x'.repeat(size)}`;
        const res = await call('GET', path);
        if (res.status === 200) continue; // the route ignores `q`, or `q` is within its limit
        await expectApiError(res, `${size}-char query on ${r.path}`);
      }
    }
  });
});
