import { MAX_LINK_URL_CHARS, MAX_LINKS } from '@beacon/shared/api/messages';
import { ApiErrorSchema } from '@beacon/shared/api/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';

/** Registration does bounded work: too many links, or too long a link, is refused with the reason, quickly. */
describe('limits on what one message may hold (real HTTP)', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector('pglite');
  });
  afterAll(() => t?.stop());

  const register = (html: string) =>
    t.request('/api/messages', {
      method: 'POST',
      token: t.admin.token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Hi', recipients: [{ email: 'a@b.example' }], html }),
    });
  const refused = async (html: string, status: number) => {
    const res = await register(html);
    const body = ApiErrorSchema.parse(await res.json());
    expect(res.status, body.message).toBe(status);
    expect(body.field).toBe('html');
    return body.message;
  };
  const links = (n: number, url: (i: number) => string) => Array.from({ length: n }, (_, i) => `<a href="${url(i)}">${i}</a>`).join('');

  it(`takes ${MAX_LINKS} links and refuses one more with 413`, async () => {
    expect((await register(links(MAX_LINKS, (i) => `https://shop.example/${i}`))).status).toBe(201);
    expect(
      await refused(
        links(MAX_LINKS + 1, (i) => `https://shop.example/${i}`),
        413,
      ),
    ).toContain(`at most ${MAX_LINKS}`);
  });

  it('refuses a link longer than the bound, as written or once percent-encoded, naming it', async () => {
    const at = (n: number) => `https://shop.example/${'a'.repeat(n - 21)}`;
    expect((await register(links(1, () => at(MAX_LINK_URL_CHARS)))).status).toBe(201);
    expect(
      await refused(
        links(1, () => at(MAX_LINK_URL_CHARS + 1)),
        400,
      ),
    ).toContain('https://shop.example/aaa');
    expect(
      await refused(
        links(1, () => `https://shop.example/${'日'.repeat(1000)}`),
        400,
      ),
    ).toContain('percent-encoded');
  });

  it('answers a 4.8 MB href of merge-tag openings at once, and tracks nothing it cannot read', async () => {
    const started = Date.now();
    expect(
      await refused(
        links(1, () => `https://x.example/${'%%['.repeat(1_600_000)}`),
        400,
      ),
    ).toContain('characters long');
    const many = await register(links(1, () => `https://x.example/${'%%['.repeat(100)}`));
    expect(many.status).toBe(201);
    expect(((await many.json()) as { links: { type: string; reason?: string }[] }).links[0]).toMatchObject({
      type: 'never',
      reason: 'too many merge tags to read',
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
