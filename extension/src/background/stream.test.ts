// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StreamEvent } from '@beacon/shared/api/reports';
import type { StreamStatus } from '../utils/messaging';
import { runStream } from './stream';
import { waitUntil } from '../../test/wait-until';

const event = (id: string, over: Partial<StreamEvent> = {}): StreamEvent => ({
  id,
  messageId: '6f1c0d3e-8f43-4c1e-9d7a-1b2c3d4e5f60',
  subject: 'Proposal',
  kind: 'open',
  classification: 'human',
  at: '2025-03-14T15:30:20.000Z',
  firstOpen: id === 'e1',
  ...over,
});
const sse = (e: StreamEvent) => `event: hit\nid: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`;

/** What each connection does, in order; the requests it saw. */
let script: ((req: IncomingMessage, res: ServerResponse) => void)[] = [];
let seen: IncomingMessage[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    const step = script.shift();
    if (step) return step(req, res);
    res.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders(); // then silence
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  script = [];
  seen = [];
});

function start(lastEventId = '', idleMs = 5000) {
  const hits: { event: StreamEvent; lastEventId: string }[] = [];
  const statuses: StreamStatus[] = [];
  const controller = new AbortController();
  const done = runStream({
    collectorUrl: base,
    token: 'tok',
    lastEventId,
    signal: controller.signal,
    idleMs,
    backoffMs: () => 20,
    onHit: (e, id) => hits.push({ event: e, lastEventId: id }),
    onStatus: (s) => statuses.push(s),
  });
  return { hits, statuses, done, stop: () => controller.abort() };
}

const until = waitUntil;

describe('the background event stream', () => {
  it('delivers each hit parsed with the shared schema, with the bearer token, and says it is live', async () => {
    script.push((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: ready\ndata: {}\n\n');
      res.write(`${sse(event('e1'))}event: hit\nid: bad\ndata: {"kind":"teleport"}\n\n${sse(event('e2', { kind: 'click', url: 'https://x.example/' }))}`);
    });
    const s = start();
    await until(() => s.hits.length === 2);
    expect(s.hits.map((h) => [h.event.id, h.event.kind, h.lastEventId])).toEqual([
      ['e1', 'open', 'e1'],
      ['e2', 'click', 'e2'],
    ]);
    expect(seen[0]?.headers.authorization).toBe('Bearer tok');
    expect(s.statuses).toEqual(['connecting', 'live']);
    s.stop();
    await s.done;
  });

  it('reconnects after the collector drops the stream, resuming with Last-Event-ID', async () => {
    script.push((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(sse(event('e1')));
    });
    script.push((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse(event('e2')));
    });
    const s = start('e0');
    await until(() => s.hits.length === 2);
    expect(seen.map((r) => r.headers['last-event-id'])).toEqual(['e0', 'e1']);
    expect(s.statuses).toEqual(['connecting', 'live', 'offline', 'live']);
    s.stop();
    await s.done;
  });

  it('keeps retrying while the collector is down or failing, and recovers', async () => {
    script.push((_req, res) => void res.writeHead(503).end());
    script.push((req) => req.socket.destroy());
    script.push((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse(event('e7')));
    });
    const s = start();
    await until(() => s.hits.length === 1);
    expect(seen).toHaveLength(3);
    expect(s.statuses.at(-1)).toBe('live');
    s.stop();
    await s.done;
  });

  it('treats a silent connection as dead and opens a new one', async () => {
    script.push((_req, res) => void res.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders());
    const s = start('', 150);
    await until(() => seen.length >= 2);
    expect(s.statuses.slice(0, 3)).toEqual(['connecting', 'live', 'offline']);
    s.stop();
    await s.done;
  });

  it('stops for good when the token is refused', async () => {
    script.push((_req, res) => void res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"unauthorized","message":"no"}'));
    const s = start();
    await s.done;
    expect(s.statuses).toEqual(['connecting', 'unauthorized']);
    expect(seen).toHaveLength(1);
  });
});
