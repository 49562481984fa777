import { ApiErrorSchema } from '@beacon/shared/api/errors';
import { HealthSchema } from '@beacon/shared/api/health';
import { MeSchema } from '@beacon/shared/api/me';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';
import { revokeApiToken } from './queries.ts';

describe.each(BACKENDS)('accounts, tokens and the API basics (%s)', (backend) => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector(backend, { env: { BEACON_RATE_LIMIT_BURST: '10', BEACON_RATE_LIMIT_PER_MINUTE: '60' } });
  });
  afterAll(() => t?.stop());

  it('creates a workspace and an admin on first start, whose token works', async () => {
    const me = MeSchema.parse(await (await t.request('/api/me', { token: t.admin.token })).json());
    expect(me).toMatchObject({ user: { email: 'admin@example.com', role: 'admin' }, workspace: { name: 'My workspace' } });
    const [row] = await t.collector.deps.sql<{ hash: Buffer }[]>`select token_hash as hash from api_tokens`;
    expect(row!.hash.toString('hex')).not.toContain(Buffer.from(t.admin.token).toString('hex')); // only the hash is kept
  });

  it('answers 401 to missing, malformed, unknown and revoked tokens', async () => {
    const rep = await t.account('r@example.com', 'rep');
    expect(MeSchema.parse(await (await t.request('/api/me', { token: rep.token })).json()).user.role).toBe('rep');
    const [tok] = await t.collector.deps.sql<{ id: string }[]>`select id from api_tokens where user_id = ${rep.user.id}`;
    await revokeApiToken(t.collector.deps.sql, tok!.id);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: `Bearer ${t.admin.token.slice(0, -1)}` },
      { authorization: `Bearer bk_${'A'.repeat(43)}` },
      { authorization: `Bearer ${rep.token}` },
    ];
    for (const headers of attempts) {
      const res = await t.request('/api/messages', { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(ApiErrorSchema.parse(await res.json()).code).toBe('unauthorized');
    }
  });

  it('rate-limits each token on its own, with Retry-After', async () => {
    const busy = await t.account('busy@example.com', 'rep');
    const calm = await t.account('calm@example.com', 'rep');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await t.request('/api/me', { token: busy.token })).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const limited = await t.request('/api/me', { token: busy.token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ApiErrorSchema.parse(await limited.json()).code).toBe('rate_limited');
    expect((await t.request('/api/me', { token: calm.token })).status).toBe(200);
    t.clock.advance(5_000);
    expect((await t.request('/api/me', { token: busy.token })).status).toBe(200);
  });

  it('describes the API in OpenAPI, generated from the shared schemas', async () => {
    const res = await t.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { type?: string; properties?: Record<string, unknown> }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/messages',
      '/api/messages/{id}',
      '/api/messages/{id}/reports/{kind}',
      '/api/reports/{kind}',
      '/api/stream',
      '/api/suppressions',
      '/api/me',
      '/o/{token}',
      '/c/{token}',
      '/m/{token}',
      '/u/{token}',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(Object.keys(doc.components.schemas.CreateMessageRequest!.properties!)).toEqual(
      expect.arrayContaining(['subject', 'recipients', 'html', 'trackOpens', 'trackClicks', 'links', 'source']),
    );
    expect(doc.components.schemas.Report!.properties).toHaveProperty('excluded');
  });

  it('reports health without a token', async () => {
    const res = await t.request('/api/health');
    const health = HealthSchema.parse(await res.json());
    expect(health).toMatchObject({ ok: true, database: 'up' });
    const syncs = health.spool.syncMs;
    expect(syncs.at(-1)!.le).toBeNull();
    expect(syncs.every((b, i) => i === 0 || (b.count >= syncs[i - 1]!.count && (b.le ?? Infinity) > syncs[i - 1]!.le!))).toBe(true);
  });

  it('answers suppression look-ups for the caller workspace only, validating the address', async () => {
    const bad = await t.request('/api/suppressions?email=nope', { token: t.admin.token });
    expect(bad.status).toBe(400);
    expect(ApiErrorSchema.parse(await bad.json()).field).toBe('email');
    expect((await t.request('/api/suppressions', { token: t.admin.token })).status).toBe(400);
    await t.collector.deps.sql`insert into suppressions (workspace_id, email, at) values (${t.admin.workspace.id}, 'gone@example.com', now())`;
    const other = await t.account('o@other.example', 'admin', 'Other');
    const ask = async (token: string) => (await (await t.request('/api/suppressions?email=Gone%40Example.com', { token })).json()) as { suppressed: boolean };
    expect(await ask(t.admin.token)).toMatchObject({ suppressed: true });
    expect(await ask(other.token)).toMatchObject({ suppressed: false });
  });
});
