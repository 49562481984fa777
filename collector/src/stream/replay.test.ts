import postgres from 'postgres';
import { StreamEventSchema, type StreamEvent } from '@beacon/shared/api/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, startTestCollector, type Account, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';
import { sseReader } from '../../test/support/sse.ts';
import { uuidv7 } from '../ingest/1-http-hit-ids.ts';
import { NOTIFY_CHANNEL, toNotifyPayloads } from './hub.ts';

describe.each(BACKENDS)('stream replay after Last-Event-ID (%s)', (backend) => {
  let t: TestCollector;
  let rep: Account;
  let rep2: Account;
  let stranger: Account;
  beforeAll(async () => {
    t = await startTestCollector(backend);
    rep = await t.account('rep@example.com', 'rep');
    rep2 = await t.account('rep2@example.com', 'rep');
    stranger = await t.account('rep@elsewhere.example', 'rep', 'Elsewhere');
  });
  afterAll(() => t?.stop());

  const open = async (token: string, lastEventId?: string, how: 'header' | 'query' = 'header') => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    const query = lastEventId !== undefined && how === 'query' ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '';
    if (lastEventId !== undefined && how === 'header') headers['last-event-id'] = lastEventId;
    const res = await fetch(`${t.collector.url}/api/stream${query}`, { headers });
    expect(res.status).toBe(200);
    const sse = sseReader(res);
    await sse.next('ready');
    return sse;
  };
  /** A human open of the message, a minute after the previous hit, written at once. */
  const openMail = async (pixelUrl: string) => {
    t.clock.advance(60_000);
    await fetch(t.collector.url + t.path(pixelUrl), { headers: { 'user-agent': BROWSER_UA } });
    await t.flush();
  };
  const click = async (trackedUrl: string) => {
    t.clock.advance(60_000);
    await fetch(t.collector.url + t.path(trackedUrl), { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } });
    await t.flush();
  };
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('delivers the events written while disconnected on reconnect, in order and once, then continues live', async () => {
    const m = await t.send(rep.token, { subject: 'Offer', html: '<a href="https://shop.example/y">y</a>' });
    const first = await open(rep.token);
    await openMail(m.pixelUrl!);
    const seen = StreamEventSchema.parse(await first.next('hit'));
    await first.close();

    // Nobody connected: the rep's own events, a colleague's and another workspace's.
    await openMail(m.pixelUrl!);
    await click(m.links[0]!.trackedUrl!);
    const other = await t.send(rep2.token, { html: '<p>x</p>' });
    await openMail(other.pixelUrl!);
    const far = await t.send(stranger.token, { html: '<p>x</p>' });
    await openMail(far.pixelUrl!);
    await openMail(m.pixelUrl!);

    const again = await open(rep.token, seen.id);
    const replayed: StreamEvent[] = [];
    for (let i = 0; i < 3; i++) replayed.push(StreamEventSchema.parse(await again.next('hit')));
    expect(replayed.map((e) => [e.messageId, e.kind])).toEqual([
      [m.id, 'open'],
      [m.id, 'click'],
      [m.id, 'open'],
    ]);
    expect(replayed[1]).toMatchObject({ url: 'https://shop.example/y', subject: 'Offer', recipient: 'bob@example.com', firstOpen: false });
    expect(replayed.map((e) => e.at)).toEqual(replayed.map((e) => e.at).sort());
    expect(seen.firstOpen).toBe(true);

    await openMail(m.pixelUrl!);
    const live = StreamEventSchema.parse(await again.next('hit'));
    expect(live.messageId).toBe(m.id);
    expect(replayed.map((e) => e.id)).not.toContain(live.id);
    await settle();
    expect(again.pending('hit')).toBe(0); // nothing twice, nobody else's
    await again.close();

    // A manager sees the workspace's events (the colleague's too), never another workspace's; the query form works.
    const boss = await open(t.admin.token, seen.id, 'query');
    const all: StreamEvent[] = [];
    for (let i = 0; i < 5; i++) all.push(StreamEventSchema.parse(await boss.next('hit')));
    expect(all.map((e) => e.messageId)).toEqual([m.id, m.id, other.id, m.id, m.id]);
    expect(all.at(-1)!.id).toBe(live.id);
    await settle();
    expect(boss.pending('hit')).toBe(0);
    await boss.close();
  });

  it('sends each event with its event id as the SSE id, which resumes the stream', async () => {
    const m = await t.send(rep.token, { html: '<p>x</p>' });
    const res = await fetch(`${t.collector.url}/api/stream`, { headers: { authorization: `Bearer ${rep.token}` } });
    const reader = res.body!.getReader();
    let text = '';
    const until = async (re: RegExp) => {
      while (!re.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await until(/event: ready[\s\S]*?\n\n/);
    await openMail(m.pixelUrl!);
    await until(/event: hit[\s\S]*?\n\n/);
    await reader.cancel();
    const block = /(?:^|\n\n)(event: hit\n[\s\S]*?)\n\n/.exec(text)![1]!;
    const data = StreamEventSchema.parse(JSON.parse(/^data: ?(.*)$/m.exec(block)![1]!));
    expect(/^id: ?(.*)$/m.exec(block)?.[1]).toBe(data.id);

    await openMail(m.pixelUrl!);
    const again = await open(rep.token, data.id);
    expect(StreamEventSchema.parse(await again.next('hit'))).toMatchObject({ messageId: m.id, kind: 'open' });
    await settle();
    expect(again.pending('hit')).toBe(0);
    await again.close();
  });

  it.runIf(backend === 'postgres')('sends an event once when it arrives live while the replay that holds it is read', async () => {
    const m = await t.send(rep.token, { html: '<p>x</p>' });
    const watcher = await open(t.admin.token);
    await openMail(m.pixelUrl!);
    const seen = StreamEventSchema.parse(await watcher.next('hit'));
    await openMail(m.pixelUrl!);
    const missed = StreamEventSchema.parse(await watcher.next('hit'));
    await watcher.close();

    const other = postgres(t.db.url!, { max: 1, onnotice: () => {} });
    try {
      // The replay reads `uniques`: holding it locked keeps the replay waiting while the same event comes in live,
      // as another collector's late NOTIFY would bring it.
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      let locked: () => void = () => {};
      const isLocked = new Promise<void>((r) => (locked = r));
      const tx = other.begin(async (sql) => {
        await sql`lock table uniques in access exclusive mode`;
        locked();
        await held;
      });
      await isLocked;
      const again = await open(rep.token, seen.id);
      const notifier = postgres(t.db.url!, { max: 1, onnotice: () => {} });
      for (const p of toNotifyPayloads('another-collector', [{ ws: rep.workspace.id, user: rep.user.id, event: missed }])) {
        await notifier`select pg_notify(${NOTIFY_CHANNEL}, ${p})`;
      }
      await notifier.end();
      await settle();
      expect(again.pending('hit')).toBe(0); // held back until the replay is sent
      release();
      await tx;
      expect(StreamEventSchema.parse(await again.next('hit')).id).toBe(missed.id);
      await settle();
      expect(again.pending('hit')).toBe(0);
      await again.close();
    } finally {
      await other.end();
    }
  });

  it.each([
    ['malformed', () => 'not-an-event-id'],
    ['not a UUIDv7', () => '5f0c6a3e-0000-4000-8000-000000000000'],
    ['unknown', () => uuidv7(t.clock.now() - 3_600_000)],
  ])('ignores a %s Last-Event-ID: a 200 stream without replay, live events still arrive', async (_name, lastEventId) => {
    const id = lastEventId();
    const m = await t.send(rep.token, { html: '<p>x</p>' });
    await openMail(m.pixelUrl!); // written before the connection: would be replayed if the id were taken
    const sse = await open(rep.token, id);
    await settle();
    expect(sse.pending('hit')).toBe(0);
    await openMail(m.pixelUrl!);
    expect(StreamEventSchema.parse(await sse.next('hit'))).toMatchObject({ messageId: m.id });
    await sse.close();
  });
});
