import { ReportSchema, type Report } from '@beacon/shared/api/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';
import { BACKENDS } from '../../test/support/database.ts';

/** Opt-out pages, mirror views and Beacon's own links, as a sender reads them in a report. */
describe.each(BACKENDS)('special links in reports (%s)', (backend) => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector(backend);
  });
  afterAll(() => t?.stop());

  const report = async (id: string, kind: 'live' | 'global'): Promise<Report> => {
    await t.flush();
    const res = await t.request(`/api/messages/${id}/reports/${kind}`, { token: t.admin.token });
    expect(res.status).toBe(200);
    return ReportSchema.parse(await res.json());
  };
  /** The mirror page as a browser shows it: the page, then every image in it. */
  const viewMirror = async (url: string) => {
    const res = await t.request(t.path(url));
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const [, src] of html.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)) {
      if (src!.startsWith('http')) await t.request(t.path(src!));
    }
    return html;
  };

  it('never counts a view of the mirror page as an open, and reports the views on their own', async () => {
    const m = await t.send(t.admin.token, { html: '<p>Hello</p><img src="https://cdn.example/logo.png" alt="">' });
    t.clock.advance(60_000);
    for (let i = 0; i < 3; i++) await t.request(t.path(m.pixelUrl!), { ip: `203.0.113.${i + 1}` });
    for (let i = 0; i < 3; i++) {
      const page = await viewMirror(m.mirrorUrl);
      expect(page).not.toContain('/o/');
    }
    for (const kind of ['live', 'global'] as const) {
      const r = await report(m.id, kind);
      expect(r.opens.total).toBe(3);
      expect(r.mirrorViews).toBe(3);
    }
  });

  it('sends a URL marked Opt out to that URL and counts it as an opt-out, not a click', async () => {
    const prefs = 'https://brand.example/preferences';
    const m = await t.send(t.admin.token, {
      html: `<a href="https://shop.example/a">A</a><a href="${prefs}">Manage preferences</a>`,
      links: [{ url: prefs, type: 'optout' }],
    });
    t.clock.advance(60_000);
    const res = await t.request(t.path(m.links[1]!.trackedUrl!));
    expect(res.headers.get('location')).toBe(prefs);
    await t.request(t.path(m.links[1]!.trackedUrl!));
    await t.request(t.path(m.links[0]!.trackedUrl!));
    for (const kind of ['live', 'global'] as const) {
      const r = await report(m.id, kind);
      expect(r.optOuts).toBe(1);
      expect(r.clicks).toEqual({ total: 1, unique: 1 });
      expect(r.unsubscribes).toBe(0);
      expect(r.links).toContainEqual({ url: prefs, type: 'optout', clicks: 2, uniqueClicks: 1 });
    }
  });

  it("labels Beacon's own links in the per-link rows, lists the mirror link, and its tracked rows add up to the Clicks total", async () => {
    const m = await t.send(t.admin.token, {
      html: '<a href="https://shop.example/a">A</a><a href="https://shop.example/b">B</a><a href="{{unsubscribe_url}}">Unsubscribe</a><a href="{{mirror_url}}">View in browser</a>',
    });
    t.clock.advance(60_000);
    // From different networks: one network clicking every link within a second is a scanner.
    const click = (i: number, net: number) => t.request(t.path(m.links[i]!.trackedUrl!), { ip: `198.18.${net}.1` });
    await click(0, 1);
    await click(0, 1);
    await click(1, 2);
    await click(2, 3);
    await click(3, 4);
    for (const kind of ['live', 'global'] as const) {
      const r = await report(m.id, kind);
      expect(r.clicks.total).toBe(3);
      const tracked = r.links.filter((l) => l.type === 'tracked');
      expect(tracked.reduce((n, l) => n + l.clicks, 0)).toBe(r.clicks.total);
      expect(r.links).toContainEqual({ url: '{{unsubscribe_url}}', type: 'unsubscribe', clicks: 1, uniqueClicks: 1 });
      expect(r.links).toContainEqual({ url: '{{mirror_url}}', type: 'mirror', clicks: 1, uniqueClicks: 1 });
      expect(r.links).toHaveLength(4);
    }
  });

  it('tells a recipient who opens the unsubscribe page again that the address is already unsubscribed', async () => {
    const m = await t.send(t.admin.token, { html: '<p>hi</p>', recipients: [{ email: 'dora@client.example' }] });
    t.clock.advance(60_000);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(await (await t.request(t.path(m.unsubscribeUrl))).text()).toContain('<form method="post">');
    expect((await t.request(t.path(m.unsubscribeUrl), { method: 'POST', headers: form, body: '' })).status).toBe(200);
    await t.flush();
    const again = await (await t.request(t.path(m.unsubscribeUrl))).text();
    expect(again).toContain('already unsubscribed');
    expect(again).toContain('d•••@client.example');
    expect(again).not.toContain('<form');
    // Posting again (a double click, a retried one-click) counts one unsubscribe.
    await t.request(t.path(m.unsubscribeUrl), { method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click' });
    expect((await report(m.id, 'global')).unsubscribes).toBe(1);
  });
});
