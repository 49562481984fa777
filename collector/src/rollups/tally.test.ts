import { describe, expect, it } from 'vitest';
import { planUniques, sentRows, tally, uniqueKey, type TallyEvent } from './tally.ts';

const at = Date.UTC(2030, 0, 1, 10, 30, 15);
const ev = (e: Partial<TallyEvent>): TallyEvent => ({
  id: Math.random().toString(36),
  at,
  ws: 'w',
  msg: 'm',
  userId: 'u',
  kind: 'open',
  counted: true,
  reason: 'human',
  recipientKey: 'r:0',
  recipientKnown: true,
  client: 'Chrome',
  ...e,
});
/** Runs both steps as the writer does, with the database saying every planned pair is new. */
const run = (events: TallyEvent[], opened = new Set<string>()) => {
  const plan = planUniques(events, opened);
  return tally(events, new Set(plan.rows.map((r) => uniqueKey(r.message_id, r.kind, r.recipient_key))), plan.implied);
};
const n = (rows: ReturnType<typeof run>['rows'], scope: string, grain: string, metric: string, dim = '') =>
  rows.find((r) => r.scope === scope && r.grain === grain && r.metric === metric && r.dim === dim)?.n ?? 0;

describe('tally', () => {
  it('counts an open in every scope and grain, unique once per recipient', () => {
    const { rows, firstOpens } = run([ev({ id: 'a' }), ev({ id: 'b' })]);
    for (const scope of ['w', 'u', 'm']) {
      for (const grain of ['minute', 'hour', 'day', 'total']) {
        expect(n(rows, scope, grain, 'opens')).toBe(2);
        expect(n(rows, scope, grain, 'uopens')).toBe(1);
      }
      for (const grain of ['hour', 'total']) expect(n(rows, scope, grain, 'client', 'Chrome')).toBe(2);
      for (const grain of ['minute', 'day']) expect(n(rows, scope, grain, 'client', 'Chrome')).toBe(0);
    }
    expect([...firstOpens]).toEqual(['a']);
    expect(rows.find((r) => r.grain === 'minute')?.bucket).toBe('2030-01-01T10:30:00.000Z');
  });

  it('counts a click as an open when its recipient had not opened', () => {
    const { rows } = run([ev({ kind: 'click', link: 0, url: 'https://a.example/' })]);
    expect(n(rows, 'm', 'total', 'clicks')).toBe(1);
    expect(n(rows, 'm', 'total', 'opens')).toBe(1);
    expect(n(rows, 'm', 'total', 'uopens')).toBe(1);
    expect(n(rows, 'm', 'total', 'link', 'https://a.example/')).toBe(1);
    const after = run([ev({ id: 'o' }), ev({ kind: 'click', link: 0, url: 'https://a.example/', at: at + 1 })]);
    expect(n(after.rows, 'm', 'total', 'opens')).toBe(1);
  });

  it('counts an unknown clicker as an open only when nobody opened the message yet', () => {
    const anon = { recipientKnown: false, recipientKey: 'a:1', kind: 'click' as const, link: 0 };
    expect(n(run([ev(anon)]).rows, 'm', 'total', 'opens')).toBe(1);
    expect(n(run([ev(anon)], new Set(['m'])).rows, 'm', 'total', 'opens')).toBe(0);
  });

  it('lists excluded events by reason and counts nothing else for them', () => {
    const { rows } = run([ev({ counted: false, reason: 'prefetch:apple-mpp' }), ev({ counted: false, reason: 'bot' })]);
    expect(n(rows, 'w', 'total', 'excluded', 'prefetch:apple-mpp')).toBe(1);
    expect(n(rows, 'w', 'total', 'excluded', 'bot')).toBe(1);
    expect(n(rows, 'w', 'total', 'opens')).toBe(0);
  });

  it('keeps optout clicks out of the click counts but in the link list', () => {
    const { rows } = run([ev({ kind: 'click', linkType: 'optout', link: 2, url: '{{unsubscribe_url}}' })]);
    expect(n(rows, 'm', 'total', 'clicks')).toBe(0);
    expect(n(rows, 'm', 'total', 'link', 'optout {{unsubscribe_url}}')).toBe(1);
    expect(n(rows, 'm', 'total', 'optouts')).toBe(0); // Beacon's page counts the unsubscribe itself
  });

  it('keeps the earliest and latest activity, and sent counts per recipient', () => {
    const { rows } = run([ev({ at: at + 5000 }), ev({ at })]);
    expect(n(rows, 'u', 'total', 'first')).toBe(at);
    expect(n(rows, 'u', 'total', 'last')).toBe(at + 5000);
    const sent = sentRows('w', 'u', 'm', at, 3);
    expect(sent.find((r) => r.scope === 'w' && r.grain === 'day' && r.metric === 'sent')?.n).toBe(3);
  });

  it('keeps the first and last pixel open apart from activity: clicks, implied opens and excluded hits move neither', () => {
    const { rows } = run([
      ev({ kind: 'click', link: 0, url: 'https://a.example/', at: at - 60_000 }), // an open implied by a click, before any pixel
      ev({ at: at + 5000 }),
      ev({ at }),
      ev({ kind: 'click', link: 0, url: 'https://a.example/', at: at + 9000 }),
      ev({ counted: false, reason: 'bot', at: at + 20_000 }),
      ev({ kind: 'mirror', at: at + 30_000 }),
    ]);
    for (const scope of ['w', 'u', 'm']) {
      expect(n(rows, scope, 'total', 'first_open')).toBe(at);
      expect(n(rows, scope, 'total', 'last_open')).toBe(at + 5000);
      expect(n(rows, scope, 'total', 'first')).toBe(at - 60_000);
      expect(n(rows, scope, 'total', 'last')).toBe(at + 30_000);
    }
    expect(rows.filter((r) => r.metric === 'last_open').map((r) => r.grain)).toEqual(['total', 'total', 'total']);
    const clickedOnly = run([ev({ kind: 'click', link: 0, url: 'https://a.example/' })]).rows;
    expect(clickedOnly.some((r) => r.metric === 'first_open' || r.metric === 'last_open')).toBe(false);
  });
});
