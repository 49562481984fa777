import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/database.ts';
import { BROWSER_UA, startTestCollector, type TestCollector } from '../../test/support/collector.ts';
import { PIXEL_GIF } from './gif.ts';

describe.each(BACKENDS)('tracking endpoints (%s)', (backend) => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector(backend);
  });
  afterAll(() => t?.stop());

  it('serves the 43-byte GIF for a pixel and records the open', async () => {
    const m = await t.send(t.admin.token, { html: '<p>Hi</p>' });
    const res = await t.request(t.path(m.pixelUrl!));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PIXEL_GIF);
    expect(PIXEL_GIF.length).toBe(43);
    await t.flush();
    const rows = await t.collector.deps.sql`select kind, classification from events where message_id = ${m.id}`;
    expect(rows).toEqual([{ kind: 'open', classification: 'human' }]);
  });
});
