import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../http/errors.ts';
import { createLogger } from '../log.ts';
import { startPreparer } from './preparer.ts';

const data = { publicUrl: 'https://t.example', secret: 'x'.repeat(40) };
const sender = { workspaceId: '6f1c0d3e-8f43-4c1e-9d7a-1b2c3d4e5f60', email: 'ann@acme.example' };
const job = (html: string, extra: object = {}) => ({
  body: new TextEncoder().encode(JSON.stringify({ subject: 'Hi', recipients: [{ email: 'a@b.example' }], html, ...extra })),
  sender,
  messageId: '7a2d1e4f-9054-4d2f-8e8b-2c3d4e5f6071',
  sentAt: Date.UTC(2030, 0, 1),
});
const failure = (e: unknown) => (e instanceof ApiFailure ? { code: e.code, field: e.field } : e);

describe('the prepare thread', () => {
  it('parses, validates and rewrites on its own thread, and refuses bad requests with the field to blame', async () => {
    const p = startPreparer(data, createLogger('silent'));
    try {
      const ok = await p.prepare(job('<a href="https://shop.example/x">x</a>'));
      expect(ok.links[0]).toMatchObject({ url: 'https://shop.example/x', type: 'tracked' });
      expect(JSON.parse(ok.response)).toMatchObject({ id: '7a2d1e4f-9054-4d2f-8e8b-2c3d4e5f6071', html: ok.html });
      expect(ok.requestHash).toMatch(/^[0-9a-f]{64}$/);
      expect(ok.request).not.toHaveProperty('html');
      await expect(p.prepare({ ...job(''), body: new TextEncoder().encode('{') }).catch(failure)).resolves.toEqual({ code: 'bad_request', field: undefined });
      await expect(p.prepare(job('x', { trackOpens: 'yes' })).catch(failure)).resolves.toEqual({ code: 'validation_failed', field: 'trackOpens' });
    } finally {
      await p.stop();
    }
  });

  it('refuses a message that takes too long, replaces the thread, and prepares the next one', async () => {
    const p = startPreparer(data, createLogger('silent'), { timeoutMs: 100 });
    try {
      const slow = Array.from({ length: 2000 }, (_, i) => `<a href="https://shop.example/${i}/${'x'.repeat(2000)}">x</a>`).join('');
      const [big, small] = await Promise.allSettled([p.prepare(job(slow)), p.prepare(job('<p>hi</p>'))]);
      expect(big.status === 'rejected' && failure(big.reason)).toEqual({ code: 'payload_too_large', field: undefined });
      expect(small.status).toBe('fulfilled');
    } finally {
      await p.stop();
    }
  });

  it('tells senders to come back when too many registrations wait', async () => {
    const p = startPreparer(data, createLogger('silent'));
    try {
      const results = await Promise.allSettled(Array.from({ length: 60 }, () => p.prepare(job('<p>hi</p>'))));
      const refused = results.filter((r) => r.status === 'rejected').map((r) => failure((r as PromiseRejectedResult).reason));
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((r) => (r as { code: string }).code === 'unavailable')).toBe(true);
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(32);
    } finally {
      await p.stop();
    }
  });
});
