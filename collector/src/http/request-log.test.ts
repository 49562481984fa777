import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';
import { createLogger } from '../log.ts';

const lines: Record<string, unknown>[] = [];
let t: TestCollector;
beforeAll(async () => {
  t = await startTestCollector('pglite', { log: createLogger('info', (l) => lines.push(JSON.parse(l) as Record<string, unknown>)) });
});
afterAll(() => t.stop());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('API requests', () => {
  it('each get a request id, answered in X-Request-Id and on the line logged for the request', async () => {
    const res = await fetch(`${t.collector.url}/api/me`, { headers: { authorization: `Bearer ${t.admin.token}` } });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    const again = await fetch(`${t.collector.url}/api/me`, { headers: { authorization: `Bearer ${t.admin.token}` } });
    expect(again.headers.get('x-request-id')).not.toBe(id);
    expect(lines.find((l) => l.reqId === id)).toMatchObject({ level: 'info', msg: 'api', method: 'GET', path: '/api/me', status: 200 });
  });

  it("keep a caller's plain request id, replace one that is not", async () => {
    const given = await fetch(`${t.collector.url}/api/health`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const forged = await fetch(`${t.collector.url}/api/health`, { headers: { 'x-request-id': 'a"}\u00e9 injected' } });
    expect(forged.headers.get('x-request-id')).toMatch(UUID);
  });

  it('have their id on errors too: a 4xx is answered and logged with it', async () => {
    const res = await fetch(`${t.collector.url}/api/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'application/json' },
      body: '{',
    });
    expect(res.status).toBe(400);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(lines.find((l) => l.reqId === id)).toMatchObject({ path: '/api/messages', status: 400 });
  });
});
