// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { apiTokenItem, collectorUrlItem, pendingForgetsItem } from '../utils/storage';
import { waitUntil } from '../../test/wait-until';
import { startForgetQueue } from './forget-queue';
import { forgetMessage, registerMessage } from './messages';

/** The collector: each request is answered by the next step for its method, else 204. */
let steps: Record<string, ((req: IncomingMessage, res: ServerResponse) => void)[]> = {};
let seen: { method: string; url: string; key: string | undefined; auth: string | undefined }[] = [];
let server: Server;
let base = '';
const message = { subject: 'Offer', recipients: [{ email: 'dana@client.example' }], html: '<p>Hi</p>' };
let key = '';
const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) =>
  void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
/** The answer lost: the connection dies after the request arrived (the collector may have saved it). */
const cut = (req: IncomingMessage) => void req.socket.destroy();
const deletes = () => seen.filter((r) => r.method === 'DELETE');

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, key: req.headers['idempotency-key'] as string | undefined, auth: req.headers.authorization });
      const step = steps[req.method!]?.shift();
      if (step) step(req, res);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(async () => {
  key = crypto.randomUUID(); // one per send, as in the content script
  fakeBrowser.reset();
  steps = {};
  seen = [];
  await collectorUrlItem.setValue(base);
  await apiTokenItem.setValue('tok');
});

describe('registering a message', () => {
  it('sends the send’s key with the request', async () => {
    steps.POST = [json(400, { code: 'validation_failed', message: 'no' })];
    await registerMessage({ key, message });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/messages', key, auth: 'Bearer tok' });
  });

  it('withdraws a registration whose answer was lost, retrying until the collector answers', async () => {
    steps.POST = [cut, cut]; // Node's fetch, like Chromium, may try a reused connection's request again
    steps.DELETE = [json(503, { code: 'unavailable', message: 'database restarting' })];
    const result = await registerMessage({ key, message });
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
    await waitUntil(() => deletes().length === 2, 5000);
    expect(deletes().map((r) => r.url)).toEqual([`/api/messages/by-key/${key}`, `/api/messages/by-key/${key}`]);
    expect(deletes()[1]?.auth).toBe('Bearer tok');
    await expect.poll(() => pendingForgetsItem.getValue()).toEqual([]);
  });

  it('withdraws nothing when the collector refused the registration', async () => {
    steps.POST = [json(400, { code: 'validation_failed', message: 'recipients.0.email: bad' })];
    expect(await registerMessage({ key, message })).toMatchObject({ ok: false, reason: 'rejected', status: 400 });
    expect(await pendingForgetsItem.getValue()).toEqual([]);
    expect(deletes()).toEqual([]);
  });

  it('withdraws on request, as the user who registered it even after another signs in', async () => {
    steps.DELETE = [cut];
    await forgetMessage({ key });
    await waitUntil(() => deletes().length === 1);
    await apiTokenItem.setValue('someone-else');
    await waitUntil(() => deletes().length === 2, 5000);
    expect(deletes().map((r) => r.auth)).toEqual(['Bearer tok', 'Bearer tok']);
    await expect.poll(() => pendingForgetsItem.getValue()).toEqual([]);
  });

  it('picks pending withdrawals up again when a new service worker starts', async () => {
    await pendingForgetsItem.setValue([{ key, credentials: { collectorUrl: base, token: 'tok' }, since: Date.now() }]);
    startForgetQueue();
    await waitUntil(() => deletes().length === 1);
    await expect.poll(() => pendingForgetsItem.getValue()).toEqual([]);
  });
});
