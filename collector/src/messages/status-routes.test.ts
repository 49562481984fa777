import { MessageStatusListSchema, type MessageStatusList } from '@beacon/shared/api/message-status';
import { ApiErrorSchema } from '@beacon/shared/api/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolationCast, startTestCollector, type Account, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';

/** The token a tracked URL carries: `/o/<token>.gif`, `/c/<token>`. */
const tokenOf = (url: string) => new URL(url).pathname.split('/')[2]!.replace(/\.gif$/, '');

describe.each(BACKENDS)('POST /api/messages/status (%s)', (backend) => {
  let t: TestCollector;
  let rep: Account;
  let rep2: Account;
  let manager: Account;
  let outsider: Account;
  let opened: Awaited<ReturnType<TestCollector['send']>>;
  let quiet: Awaited<ReturnType<TestCollector['send']>>;
  let other: Awaited<ReturnType<TestCollector['send']>>;
  let foreign: Awaited<ReturnType<TestCollector['send']>>;
  const start = Date.UTC(2030, 5, 1, 9, 0, 0);

  const status = (token: string, body: unknown) =>
    t.request('/api/messages/status', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const ok = async (token: string, body: unknown): Promise<MessageStatusList> => {
    const res = await status(token, body);
    expect(res.status).toBe(200);
    return MessageStatusListSchema.parse(await res.json());
  };

  beforeAll(async () => {
    t = await startTestCollector(backend, { start });
    ({ rep, rep2, manager, outsider } = await isolationCast(t));
    const html = '<p>Hi <a href="https://shop.example/a">A</a></p>';
    opened = await t.send(rep.token, { html, subject: 'Opened' });
    quiet = await t.send(rep.token, { html, subject: 'Quiet' });
    other = await t.send(rep2.token, { html, subject: 'Rep 2' });
    foreign = await t.send(outsider.token, { html, subject: 'Elsewhere' });
    t.clock.advance(5 * 60_000);
    await t.request(t.path(opened.pixelUrl!));
    await t.request(t.path(opened.pixelUrl!));
    t.clock.advance(3 * 60_000); // the click comes later: last activity, not last open
    await t.request(t.path(opened.links[0]!.trackedUrl!));
    await t.request(t.path(foreign.pixelUrl!));
    await t.flush();
  });
  afterAll(() => t?.stop());

  it("gives a rep's own messages by pixel token, link token or id: sent, opens, clicks, last activity, last open", async () => {
    const body = await ok(rep.token, { tokens: [tokenOf(opened.pixelUrl!), tokenOf(quiet.links[0]!.trackedUrl!)], ids: [opened.id] });
    const byId = Object.fromEntries(body.messages.map((m) => [m.id, m]));
    expect(Object.keys(byId).sort()).toEqual([opened.id, quiet.id].sort());
    expect(byId[opened.id]).toMatchObject({ opens: 2, clicks: 1, trackOpens: true, trackClicks: true, sentAt: new Date(start).toISOString() });
    const last = Date.parse(byId[opened.id]!.lastActivityAt!); // the click's time (the test clock moves on a little each hit)
    expect(last - (start + 8 * 60_000)).toBeGreaterThanOrEqual(0);
    expect(last - (start + 8 * 60_000)).toBeLessThan(1000);
    expect(byId[quiet.id]).toMatchObject({ opens: 0, clicks: 0, lastActivityAt: null, lastOpenAt: null });
    expect(body.tokens).toEqual({ [tokenOf(opened.pixelUrl!)]: opened.id, [tokenOf(quiet.links[0]!.trackedUrl!)]: quiet.id });
  });

  it('dates the last open by the last pixel hit: a later click does not move it', async () => {
    const events = await t.events<{ kind: string; at: Date }>(opened.id, 'kind, at');
    const opens = events.filter((e) => e.kind === 'open').map((e) => e.at.getTime());
    const click = events.find((e) => e.kind === 'click')!.at.getTime();
    expect(opens).toHaveLength(2);
    const [mark] = (await ok(rep.token, { ids: [opened.id] })).messages;
    expect(mark!.lastOpenAt).toBe(new Date(Math.max(...opens)).toISOString());
    expect(mark!.lastActivityAt).toBe(new Date(click).toISOString());
    expect(Date.parse(mark!.lastOpenAt!)).toBeLessThan(click);
    // Another pixel hit after the click moves it; another click does not.
    t.clock.advance(60_000);
    await t.request(t.path(opened.pixelUrl!));
    t.clock.advance(60_000);
    await t.request(t.path(opened.links[0]!.trackedUrl!));
    await t.flush();
    const after = await t.events<{ kind: string; at: Date }>(opened.id, 'kind, at');
    const lastPixel = Math.max(...after.filter((e) => e.kind === 'open').map((e) => e.at.getTime()));
    expect(lastPixel).toBeGreaterThan(click);
    const [moved] = (await ok(rep.token, { ids: [opened.id] })).messages;
    expect(moved).toMatchObject({ opens: 3, clicks: 2, lastOpenAt: new Date(lastPixel).toISOString() });
    expect(Date.parse(moved!.lastActivityAt!)).toBeGreaterThan(lastPixel);
  });

  it('matches the report the popup shows', async () => {
    const [mark] = (await ok(rep.token, { ids: [opened.id] })).messages;
    const report = (await (await t.request(`/api/messages/${opened.id}/reports/global`, { token: rep.token })).json()) as {
      opens: { total: number };
      clicks: { total: number };
      lastActivityAt: string | null;
      firstOpenAt: string | null;
      lastOpenAt: string | null;
    };
    expect(mark).toMatchObject({
      opens: report.opens.total,
      clicks: report.clicks.total,
      lastActivityAt: report.lastActivityAt,
      lastOpenAt: report.lastOpenAt,
    });
    const opens = (await t.events<{ kind: string; at: Date }>(opened.id, 'kind, at')).filter((e) => e.kind === 'open').map((e) => e.at.getTime());
    expect(report.firstOpenAt).toBe(new Date(Math.min(...opens)).toISOString());
  });

  it("leaves out another rep's, another workspace's, unknown and forged ones, alike", async () => {
    const forged = tokenOf(opened.pixelUrl!).slice(0, -2) + 'AA';
    const asked = {
      tokens: [tokenOf(other.pixelUrl!), tokenOf(foreign.pixelUrl!), forged, 'not-a-token'],
      ids: [other.id, foreign.id, '00000000-0000-4000-8000-000000000000'],
    };
    expect(await ok(rep.token, asked)).toEqual({ messages: [], tokens: {} });
    // A manager sees the workspace, never another one.
    const seen = await ok(manager.token, asked);
    expect(seen.messages.map((m) => m.id)).toEqual([other.id]);
    expect(seen.tokens).toEqual({ [tokenOf(other.pixelUrl!)]: other.id });
    // The other workspace's own admin does see theirs, opened once.
    expect((await ok(outsider.token, { ids: [foreign.id] })).messages[0]).toMatchObject({ id: foreign.id, opens: 1 });
  });

  it('refuses bad input with a 4xx {code, message}, and asks for a token', async () => {
    const cases: [unknown, number][] = [
      [{ ids: ['nope'] }, 400],
      [{ tokens: 'abc' }, 400],
      [{ tokens: Array(101).fill('a') }, 400],
      [{ tokens: Array(60).fill('a'), ids: Array(60).fill(opened.id) }, 400],
      [[1, 2], 400],
    ];
    for (const [body, want] of cases) {
      const res = await status(rep.token, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(want);
      expect(ApiErrorSchema.safeParse(await res.json()).success).toBe(true);
    }
    const broken = await t.request('/api/messages/status', { method: 'POST', token: rep.token, headers: { 'content-type': 'application/json' }, body: '{' });
    expect(broken.status).toBe(400);
    expect(ApiErrorSchema.parse(await broken.json()).code).toBeDefined();
    const text = await t.request('/api/messages/status', { method: 'POST', token: rep.token, headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(text.status).toBeLessThan(500);
    expect((await status('bk_nope', { ids: [] })).status).toBe(401);
    expect(await ok(rep.token, {})).toEqual({ messages: [], tokens: {} });
  });
});
