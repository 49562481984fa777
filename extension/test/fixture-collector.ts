import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AddressInfo } from 'node:net';
import type { MessageList } from '@beacon/shared/api/messages';
import { answerRequests } from '../src/utils/messaging';
import { backgroundHandlers } from '../src/background/handlers';
import { apiTokenItem, collectorUrlItem, accountItem } from '../src/utils/storage';
import { ANN, globalReport, liveReport, messageDetail, messagePage } from './report-fixtures';

/**
 * For component tests: an HTTP server answering like the collector (paging, search, reports) with schema-parsed
 * data, and the extension's real background handlers answering the popup through (fake) runtime messaging.
 */
export interface FixtureCollector {
  url: string;
  requests: string[];
  /** Answer the next requests with this status instead (e.g. 503). */
  failWith: number | null;
  /** Message counts, changed by a test to play an event. */
  opens: Map<number, number>;
  /** The list campaign's audience size, null when the sender gave none. */
  audienceSize: number | null;
  close(): Promise<void>;
}

export const TOTAL_MESSAGES = 45;
/** An ESP campaign sent to a list (no recipients), with who opened and clicked through its merge tag. */
export const LIST_MESSAGE = 99;

/** Each test of the file gets a fresh fake browser, Pinia and fixture collector (handed to `use`), closed after it. */
export function withFixtureCollector(use: (collector: FixtureCollector) => void): void {
  let collector: FixtureCollector | undefined;
  beforeEach(async () => {
    fakeBrowser.reset();
    setActivePinia(createPinia());
    collector = await startFixtureCollector();
    use(collector);
  });
  afterEach(() => collector?.close());
}

export async function startFixtureCollector(): Promise<FixtureCollector> {
  const state: FixtureCollector = { url: '', requests: [], failWith: null, opens: new Map(), audienceSize: null, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    state.requests.push(`${url.pathname}${url.search}`);
    const json = (status: number, body: unknown) => void res.writeHead(status, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (state.failWith) return json(state.failWith, { code: 'unavailable', message: 'database is down' });
    if (req.headers.authorization !== 'Bearer good-token') return json(401, { code: 'unauthorized', message: 'no' });
    const withOpens = (n: number) => (state.opens.has(n) ? { opens: { total: state.opens.get(n)!, unique: 1 } } : {});
    if (url.pathname === '/api/messages') {
      const limit = Number(url.searchParams.get('limit'));
      const from = Number(url.searchParams.get('cursor') ?? '1');
      const q = url.searchParams.get('q')?.toLowerCase();
      const all = messagePage(1, TOTAL_MESSAGES, null).items.filter((m) => !q || m.subject.toLowerCase().includes(q));
      const start = all.findIndex((m) => Number(m.id.slice(-12)) >= from);
      const page = start < 0 ? [] : all.slice(start, start + limit);
      const next = start >= 0 && start + limit < all.length ? String(Number(all[start + limit]!.id.slice(-12))) : null;
      const body: MessageList = { items: page.map((m) => ({ ...m, ...withOpens(Number(m.id.slice(-12))) })), nextCursor: next };
      return json(200, body);
    }
    const detail = /^\/api\/messages\/0{8}-0{4}-4000-8000-(\d{12})$/.exec(url.pathname);
    const list = Number(detail?.[1]) === LIST_MESSAGE ? { source: 'esp' as const, recipients: [] } : {};
    if (detail) return json(200, messageDetail(Number(detail[1]), { ...withOpens(Number(detail[1])), ...list }));
    if (/\/recipients$/.test(url.pathname)) {
      const recipients = [
        { email: 'ann@list.example', openedAt: new Date().toISOString(), clickedAt: new Date().toISOString() },
        { email: 'bob@list.example', openedAt: new Date().toISOString(), clickedAt: null },
      ];
      return json(200, { audienceSize: state.audienceSize, reached: 2, reachRate: state.audienceSize ? 2 / state.audienceSize : null, recipients });
    }
    const report = /\/reports\/(live|global)$/.exec(url.pathname);
    if (report) {
      const opensNow = [...state.opens.values()][0];
      const over = opensNow === undefined ? {} : { opens: { total: opensNow, unique: 1 } };
      return json(200, report[1] === 'live' ? liveReport(over) : globalReport(over));
    }
    json(404, { code: 'not_found', message: 'no route' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  await Promise.all([
    collectorUrlItem.setValue(state.url),
    apiTokenItem.setValue('good-token'),
    accountItem.setValue({ user: { id: ANN, email: 'ann@acme.example', role: 'rep' }, workspace: { id: ANN, name: 'Acme' } }),
  ]);
  answerRequests(backgroundHandlers);
  return state;
}
