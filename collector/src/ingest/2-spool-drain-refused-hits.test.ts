import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';
import { sseReader } from '../../test/support/sse.ts';
import type { Hit } from './hit.ts';

/** An acknowledged hit is stored, whatever text it carries: no click answered with a 302 is ever lost. */
describe.each(BACKENDS)('hits whose text the database would refuse (%s)', (backend) => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector(backend);
  });
  afterAll(() => t?.stop());

  const events = (messageId: string) => t.events<{ kind: string; user_agent: string }>(messageId, 'kind, user_agent');

  it('counts a click whose destination is cut in the middle of an emoji, with a stream open', async () => {
    const m = await t.send(t.admin.token, { html: '<p>hi</p>' });
    const stream = sseReader(await t.request('/api/stream', { token: t.admin.token }));
    await stream.next('ready');
    try {
      // A token signed before destinations were stored normalized: its destination holds raw emoji, so the
      // 1,000-character cuts of the rollups and the stream fall between the halves of a surrogate pair.
      const destination = `https://shop.example/${'a'.repeat(978)}${'😀'.repeat(20)}`;
      const token = t.collector.deps.signer.sign({
        kind: 'click',
        workspaceId: t.admin.workspace.id,
        messageId: m.id,
        sentAt: t.clock.now() - 60_000,
        recipient: 0,
        link: 0,
        destination,
      });
      t.clock.advance(60_000);
      const res = await t.request(`/c/${token}`);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(new URL(destination).href);
      expect((await events(m.id)).map((e) => e.kind)).toEqual(['click']);
      expect(await stream.next('hit')).toMatchObject({ messageId: m.id, kind: 'click' });
      const [link] = await t.collector.deps.sql<{ dim: string }[]>`
        select dim from rollups where scope = 'm' and scope_id = ${m.id} and metric = 'link' limit 1`;
      expect(link!.dim).toBe(`https://shop.example/${'a'.repeat(978)}`); // cut before the emoji, not inside it
    } finally {
      await stream.close();
    }
  });

  it('stores a spooled hit the database refuses, repaired, instead of setting it aside', async () => {
    const m = await t.send(t.admin.token, { html: '<p>hi</p>' });
    const hit: Hit = {
      id: randomUUID(),
      at: t.clock.now(),
      ws: t.admin.workspace.id,
      msg: m.id,
      kind: 'open',
      sent: t.clock.now() - 60_000,
      method: 'GET',
      ip: '192.0.2.0',
      ua: 'Mail\u0000Client \uD800',
      ri: 0,
    };
    await new Promise<void>((done) => t.collector.deps.events.record(hit, () => done()));
    expect(await events(m.id)).toEqual([{ kind: 'open', user_agent: 'Mail\uFFFDClient \uFFFD' }]);
    expect(existsSync(join(t.config.spoolDir, 'rejected.jsonl'))).toBe(false);
  });
});
