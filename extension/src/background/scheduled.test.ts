// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CreateMessageResponse } from '@beacon/shared/api/messages';
import { apiTokenItem, collectorUrlItem } from '../utils/storage';
import { waitUntil } from '../../test/wait-until';
import { tokenOfUrl } from '../hosts/tracking-tokens';
import { rememberScheduled, untrackWithdrawn, withdrawScheduled } from './scheduled';

/** The collector: records each withdrawal (DELETE /api/messages/by-key/…). */
let deleted: string[] = [];
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (req.method === 'DELETE') deleted.push(req.url!);
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(async () => {
  fakeBrowser.reset();
  deleted = [];
  await collectorUrlItem.setValue(base);
  await apiTokenItem.setValue('tok');
});

const HOUR = 3_600_000;
function answer(n: number): CreateMessageResponse {
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    html: '',
    links: [
      { url: `https://shop.example/deal-${n}`, type: 'tracked', count: 1, trackedUrl: `https://c.example/c/link${n}-AbCdEfGhIjKlMnOpQrStUv` },
      { url: 'mailto:a@b.example', type: 'never', count: 1 },
    ],
    pixelUrl: `https://c.example/o/pixel${n}-AbCdEfGhIjKlMnOpQrStUv.gif`,
    mirrorUrl: 'https://c.example/m/x',
    unsubscribeUrl: 'https://c.example/u/x',
    warnings: [],
  };
}
/** The token a cancelled message shows for one of a send's URLs (what the content script reads from its body). */
const token = (url: string) => tokenOfUrl(url, 'any')!;
const sent = (n: number) =>
  `<div>Deal: <a href="https://c.example/c/link${n}-AbCdEfGhIjKlMnOpQrStUv">here</a></div>` +
  `<table role="presentation" width="1" height="1" cellpadding="0" cellspacing="0" background="https://c.example/o/pixel${n}-AbCdEfGhIjKlMnOpQrStUv.gif"><tbody><tr><td></td></tr></tbody></table>`;

describe('scheduled sends in the background', () => {
  it('withdraws the one whose tracking a cancelled message shows, and gives its draft back as written', async () => {
    const soon = new Date(Date.now() + HOUR).toISOString();
    await rememberScheduled('key-1', soon, answer(1));
    await rememberScheduled('key-2', soon, answer(2));
    expect(await untrackWithdrawn({ html: sent(1) })).toBeNull(); // not cancelled: left alone

    expect(await withdrawScheduled({ tokens: ['ElsewhereTokenXyz', token(answer(1).pixelUrl!)] })).toEqual({ ok: true, withdrawn: 1 });
    await waitUntil(() => deleted.length === 1, 5000);
    expect(deleted).toEqual(['/api/messages/by-key/key-1']);
    expect(await untrackWithdrawn({ html: sent(1) })).toBe('<div>Deal: <a href="https://shop.example/deal-1">here</a></div>');
    expect(await untrackWithdrawn({ html: sent(2) })).toBeNull();
    // A second cancel of the same message withdraws nothing more.
    expect(await withdrawScheduled({ tokens: [token(answer(1).pixelUrl!)] })).toEqual({ ok: true, withdrawn: 0 });
  });

  it("withdraws by key on the host's undo, and nothing by token once the time has passed (it was sent)", async () => {
    await rememberScheduled('key-3', new Date(Date.now() + HOUR).toISOString(), answer(3));
    await rememberScheduled('key-4', new Date(Date.now() - HOUR).toISOString(), answer(4));
    expect(await withdrawScheduled({ tokens: [token(answer(4).pixelUrl!)] })).toEqual({ ok: true, withdrawn: 0 });
    expect(await withdrawScheduled({ key: 'key-3' })).toEqual({ ok: true, withdrawn: 1 });
    await waitUntil(() => deleted.length === 1, 5000);
    expect(deleted).toEqual(['/api/messages/by-key/key-3']);
  });
});
