// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeSchema } from '@beacon/shared/api/me';
import { callCollector, normalizeCollectorUrl } from './collector-client';

const me = {
  user: { id: '6f1c0d3e-8f43-4c1e-9d7a-1b2c3d4e5f60', email: 'rep@example.com', role: 'rep' },
  workspace: { id: '0b6d7c1a-2e3f-4a5b-8c9d-0e1f2a3b4c5d', name: 'Acme' },
};
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const auth = req.headers.authorization;
    if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 1000);
    if (auth !== 'Bearer good') return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"unauthorized","message":"no"}');
    if (req.url === '/api/me') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(me));
    if (req.url === '/bad-shape') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"user":1}');
    res
      .writeHead(400, { 'content-type': 'application/json' })
      .end('{"code":"validation_failed","message":"recipients.0.email is not an address","field":"recipients.0.email"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('callCollector', () => {
  it('parses a good answer with the shared schema', async () => {
    const result = await callCollector(MeSchema, '/api/me', { credentials: { collectorUrl: base, token: 'good' } });
    expect(result).toEqual({ ok: true, value: me });
  });

  it('tells a wrong token apart from an unreachable collector', async () => {
    const wrong = await callCollector(MeSchema, '/api/me', { credentials: { collectorUrl: base, token: 'bad' } });
    expect(wrong).toMatchObject({ ok: false, reason: 'unauthorized' });
    const down = await callCollector(MeSchema, '/api/me', { credentials: { collectorUrl: 'http://127.0.0.1:9', token: 'good' } });
    expect(down).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('gives up after the timeout', async () => {
    const started = Date.now();
    const slow = await callCollector(MeSchema, '/slow', { credentials: { collectorUrl: base, token: 'good' }, timeoutMs: 150 });
    expect(slow).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("passes the collector's error message on, and refuses answers that do not match the schema", async () => {
    const rejected = await callCollector(MeSchema, '/api/messages', { method: 'POST', body: {}, credentials: { collectorUrl: base, token: 'good' } });
    expect(rejected).toEqual({ ok: false, reason: 'rejected', message: 'recipients.0.email is not an address', status: 400 });
    const odd = await callCollector(MeSchema, '/bad-shape', { credentials: { collectorUrl: base, token: 'good' } });
    expect(odd).toMatchObject({ ok: false, reason: 'rejected' });
  });
});

describe('normalizeCollectorUrl', () => {
  it('keeps the origin of an http(s) URL only', () => {
    expect(normalizeCollectorUrl(' https://beacon.example.com/app/ ')).toBe('https://beacon.example.com');
    expect(normalizeCollectorUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(normalizeCollectorUrl('ftp://x')).toBeNull();
    expect(normalizeCollectorUrl('not a url')).toBeNull();
  });
});
