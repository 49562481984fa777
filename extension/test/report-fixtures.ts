import { MessageDetailSchema, MessageListSchema, type MessageSummary } from '@beacon/shared/api/messages';
import { ReportSchema, StreamEventSchema, type Report } from '@beacon/shared/api/reports';

/** Collector answers for component tests, in the shapes the collector sends, parsed by the shared schemas. */

export const NOW = Date.parse('2025-03-14T15:30:20Z');
const MINUTE = 60_000;
const HOUR = 3_600_000;
export const ANN = '6f1c0d3e-8f43-4c1e-9d7a-1b2c3d4e5f60';
export const BOB = '7a2d1e4f-9054-4d2f-8e8b-2c3d4e5f6071';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const messageId = id;

function summary(n: number, over: Partial<MessageSummary> = {}): unknown {
  return {
    id: id(n),
    subject: `Proposal ${n}`,
    recipients: [{ email: `buyer${n}@example.com`, name: `Buyer ${n}` }],
    source: 'gmail',
    sentAt: new Date(NOW - n * HOUR).toISOString(),
    sender: { id: ANN, email: 'ann@acme.example' },
    opens: { total: n % 4, unique: Math.min(1, n % 4) },
    clicks: { total: n % 3, unique: Math.min(1, n % 3) },
    unsubscribes: 0,
    lastActivityAt: n % 4 ? new Date(NOW - n * 30 * MINUTE).toISOString() : null,
    ...over,
  };
}

export function messagePage(from: number, count: number, nextCursor: string | null) {
  return MessageListSchema.parse({ items: Array.from({ length: count }, (_, i) => summary(from + i)), nextCursor });
}

export function messageDetail(n: number, over: Partial<MessageSummary> = {}) {
  return MessageDetailSchema.parse({
    ...(summary(n, over) as object),
    trackOpens: true,
    trackClicks: true,
    links: [{ url: 'https://acme.example/pricing', type: 'tracked', count: 1, trackedUrl: 'http://localhost:8787/c/x' }],
    mirrorUrl: 'http://localhost:8787/m/x',
  });
}

/** 1440 minute buckets ending now, with a few hits. */
export function liveReport(over: Partial<Report> = {}): Report {
  const start = Math.floor(NOW / MINUTE) * MINUTE - 1439 * MINUTE;
  const series = Array.from({ length: 1440 }, (_, i) => ({ t: new Date(start + i * MINUTE).toISOString(), opens: 0, clicks: 0 }));
  series[1430]!.opens = 2;
  series[1431]!.clicks = 1;
  series[1200]!.opens = 1;
  return ReportSchema.parse({
    scope: 'live',
    window: { from: new Date(start).toISOString(), to: new Date(NOW).toISOString() },
    sent: 0,
    opens: { total: 3, unique: 2 },
    clicks: { total: 1, unique: 1 },
    unsubscribes: 0,
    optOuts: 0,
    mirrorViews: 0,
    rates: { open: 0, click: 0, clickToOpen: 0.5 },
    links: [{ url: 'https://acme.example/pricing', type: 'tracked', clicks: 1, uniqueClicks: 1 }],
    series,
    bucket: 'minute',
    clients: [
      { name: 'Gmail', opens: 2 },
      { name: 'Outlook', opens: 1 },
    ],
    excluded: { 'scanner:head': 1, self: 2 },
    firstActivityAt: new Date(start + 1200 * MINUTE).toISOString(),
    lastActivityAt: new Date(start + 1431 * MINUTE).toISOString(),
    firstOpenAt: new Date(start - 3 * HOUR).toISOString(), // all time: before the window
    lastOpenAt: new Date(start + 1420 * MINUTE).toISOString(),
    ...over,
  });
}

export function globalReport(over: Partial<Report> = {}): Report {
  const start = NOW - 50 * HOUR;
  const series = Array.from({ length: 51 }, (_, i) => ({
    t: new Date(Math.floor(start / HOUR) * HOUR + i * HOUR).toISOString(),
    opens: i % 7 === 0 ? 3 : 0,
    clicks: i % 11 === 0 ? 1 : 0,
  }));
  return ReportSchema.parse({
    scope: 'global',
    window: { from: new Date(start).toISOString(), to: new Date(NOW).toISOString() },
    sent: 1234,
    opens: { total: 2100, unique: 567 },
    clicks: { total: 340, unique: 123 },
    unsubscribes: 4,
    optOuts: 2,
    mirrorViews: 11,
    rates: { open: 567 / 1234, click: 123 / 1234, clickToOpen: 123 / 567 },
    links: [
      { url: 'https://acme.example/pricing', type: 'tracked', clicks: 300, uniqueClicks: 110 },
      { url: '{{unsubscribe_url}}', type: 'unsubscribe', clicks: 5, uniqueClicks: 5 },
      { url: 'https://acme.example/case-study?utm_source=beacon', type: 'tracked', clicks: 40, uniqueClicks: 13 },
      { url: '{{mirror_url}}', type: 'mirror', clicks: 3, uniqueClicks: 2 },
      { url: 'https://acme.example/preferences', type: 'optout', clicks: 2, uniqueClicks: 2 },
      { url: 'https://acme.example/unused', type: 'tracked', clicks: 0, uniqueClicks: 0 },
    ],
    series,
    bucket: 'hour',
    clients: [
      { name: 'Gmail', opens: 1500 },
      { name: 'Apple Mail', opens: 450 },
      { name: 'Outlook', opens: 150 },
    ],
    excluded: { bot: 17, 'prefetch:apple-mpp': 230, 'scanner:fast-click': 9, 'proxy:yahoo-x': 1 },
    firstActivityAt: new Date(start + 5 * MINUTE).toISOString(),
    lastActivityAt: new Date(NOW - 2 * MINUTE).toISOString(),
    firstOpenAt: new Date(start + 5 * MINUTE).toISOString(),
    lastOpenAt: new Date(NOW - 9 * MINUTE).toISOString(),
    ...over,
  });
}

export function teamReport(): Report {
  return ReportSchema.parse({
    ...globalReport(),
    users: [
      { userId: ANN, email: 'ann@acme.example', sent: 1000, opens: { total: 1800, unique: 500 }, clicks: { total: 300, unique: 100 }, unsubscribes: 3 },
      { userId: BOB, email: 'bob@acme.example', sent: 234, opens: { total: 300, unique: 67 }, clicks: { total: 40, unique: 23 }, unsubscribes: 1 },
    ],
  });
}

export function hit(over: Record<string, unknown> = {}) {
  return StreamEventSchema.parse({
    id: '01JP6W8Y3R6Q2KQ9X6ZP2N8B4C',
    messageId: id(1),
    subject: 'Proposal 1',
    kind: 'open',
    classification: 'human',
    at: new Date(NOW).toISOString(),
    recipient: 'buyer1@example.com',
    firstOpen: true,
    ...over,
  });
}
