import { ApiErrorSchema } from '@beacon/shared/api/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';

/** A client's mistake is a 400 naming its field, never a 500 (real HTTP, PGlite). */
describe('client mistakes the database would have refused', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector('pglite');
  });
  afterAll(() => t?.stop());

  const post = (body: string) => t.request('/api/messages', { method: 'POST', token: t.admin.token, headers: { 'content-type': 'application/json' }, body });
  const expectError = async (res: Response, status: number, field?: string) => {
    const body = ApiErrorSchema.parse(await res.json());
    expect(res.status, body.message).toBe(status);
    if (field) expect(body.field).toBe(field);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    return body;
  };

  it('refuses half a surrogate pair in any text field with a 400 naming the field', async () => {
    // JSON.stringify writes a lone surrogate as the escape `\ud800`, as a buggy client would send it.
    const cases: [string, object][] = [
      ['recipients.0.name', { recipients: [{ email: 'a@b.example', name: 'Ann \uD83D' }] }],
      ['html', { html: '<a href="https://shop.example/\uDE00">x</a>' }],
      ['subject', { subject: '\uD800' }],
      ['links.0.url', { links: [{ url: 'https://shop.example/\uD800', type: 'never' }] }],
    ];
    for (const [field, part] of cases) {
      const res = await post(JSON.stringify({ subject: 'Hi', recipients: [{ email: 'a@b.example' }], html: '<p>x</p>', ...part }));
      expect((await expectError(res, 400, field)).message).toContain('surrogate');
    }
  });

  it('refuses a list cursor whose date no database stores', async () => {
    for (const at of ['+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', '0001-01-01T00:00:00.000Z']) {
      const cursor = Buffer.from(JSON.stringify([at, '0b6f2a52-8e8f-4c8e-9a3c-2f4d6f1f3a77'])).toString('base64url');
      await expectError(await t.request(`/api/messages?cursor=${cursor}`, { token: t.admin.token }), 400, 'cursor');
    }
  });

  it('marks every API answer nosniff, errors included', async () => {
    for (const res of [
      await t.request('/api/me', { token: t.admin.token }),
      await t.request('/api/health'),
      await t.request('/api/me'),
      await t.request('/api/nothing', { token: t.admin.token }),
      await post('{'),
    ]) {
      expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
    }
  });
});
