import { ApiErrorSchema } from '@beacon/shared/api/errors';
import { startTestCollector, type Account, type TestCollector } from '@beacon/collector/test/support/collector.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BURST = 20;

/** Concurrent floods over real HTTP; the collector's clock is a manual one, so no bucket refills mid-flood. */
describe('rate limits under a flood (real HTTP, PGlite)', () => {
  let t: TestCollector;
  let busy: Account;
  let calm: Account;
  beforeAll(async () => {
    t = await startTestCollector('pglite', { env: { BEACON_RATE_LIMIT_BURST: String(BURST), BEACON_RATE_LIMIT_PER_MINUTE: '60' } });
    busy = await t.account('flood@example.com', 'rep');
    calm = await t.account('calm@example.com', 'rep'); // same workspace
  });
  afterAll(() => t?.stop());

  const call = (token: string, path: string, init: RequestInit = {}) =>
    fetch(`${t.collector.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const send = (token: string, i: number) =>
    call(token, '/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: `flood ${i}`, recipients: [{ email: 'x@client.example' }], html: '<p>x</p>' }),
    });

  it('holds one token to its burst while another token of the same workspace keeps getting answers', async () => {
    const flood: Promise<Response>[] = [];
    const calmStatuses: number[] = [];
    for (let wave = 0; wave < 10; wave++) {
      for (let i = 0; i < 30; i++) {
        const n = wave * 30 + i;
        flood.push(n % 3 === 0 ? send(busy.token, n) : call(busy.token, n % 3 === 1 ? '/api/messages' : '/api/reports/live'));
      }
      // In the middle of each wave, the other rep works as usual.
      calmStatuses.push((await call(calm.token, '/api/me')).status);
    }
    const answers = await Promise.all(flood);
    const statuses = answers.map((r) => r.status);
    const ok = statuses.filter((s) => s < 300).length;
    expect(ok).toBeGreaterThanOrEqual(BURST - 1);
    expect(ok).toBeLessThanOrEqual(BURST + 1); // a refill of at most one in the flood's few (manual) milliseconds
    expect(statuses.filter((s) => s === 429).length).toBe(statuses.length - ok);
    for (const res of answers.filter((r) => r.status === 429)) {
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(ApiErrorSchema.parse(await res.json()).code).toBe('rate_limited');
    }
    expect(calmStatuses).toEqual(Array<number>(10).fill(200));
    // A refused POST wrote nothing: the messages stored are the ones acknowledged.
    const created = answers.filter((r) => r.status === 201).length;
    const [row] = await t.collector.deps.sql<{ n: number }[]>`select count(*)::int as n from messages where user_id = ${busy.user.id}`;
    expect(row!.n).toBe(created);
    // The flooding token is held back until its bucket refills, the other one is not.
    expect((await call(busy.token, '/api/me')).status).toBe(429);
    expect((await call(calm.token, '/api/me')).status).toBe(200);
    t.clock.advance(5_000);
    expect((await call(busy.token, '/api/me')).status).toBe(200);
  });

  it('limits a flood of guessed tokens from one address without locking out valid tokens there', async () => {
    const guesses = Array.from({ length: 60 }, (_, i) => `bk_${String(i).padStart(43, 'A')}`);
    const answers = await Promise.all(guesses.map((g) => call(g, '/api/me', { headers: { 'x-forwarded-for': '198.51.100.66' } })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    for (const res of answers) ApiErrorSchema.parse(await res.json());
    const valid = await call(calm.token, '/api/me', { headers: { 'x-forwarded-for': '198.51.100.66' } });
    expect(valid.status).toBe(200);
  });
});
