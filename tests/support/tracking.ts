import { expect } from 'vitest';
import type { TestCollector } from './collector';

/** A real desktop browser's user agent: the collector tells people from bots by it. */
export const HUMAN_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** Every href and img src of an HTML string, in order. */
export function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}
export function pixelSrc(html: string, collectorUrl: string): string | undefined {
  return [...html.matchAll(/src="([^"]*)"/g)].map((m) => m[1]!).find((src) => src.startsWith(`${collectorUrl}/o/`));
}

/** A recipient following a tracked link: the collector answers with a redirect. */
export async function followLink(url: string): Promise<string | null> {
  const response = await fetch(url, { redirect: 'manual', headers: { 'user-agent': HUMAN_UA } });
  expect(response.status).toBe(302);
  return response.headers.get('location');
}

/** A recipient's mail client loading the images. */
export async function loadPixel(url: string): Promise<void> {
  const response = await fetch(url, { headers: { 'user-agent': HUMAN_UA } });
  expect(response.headers.get('content-type')).toContain('image/gif');
}

interface Report {
  opens: { total: number; unique: number };
  clicks: { total: number; unique: number };
  unsubscribes: number;
}
interface MessageList {
  items: { id: string; subject: string; source: string }[];
}

/** The newest message with this subject, as the collector lists it. */
export async function messageId(collector: Pick<TestCollector, 'api'>, subject: string): Promise<string> {
  const list = await collector.api<MessageList>('/api/messages?limit=50');
  const item = list.items.find((m) => m.subject === subject);
  if (!item) throw new Error(`no message "${subject}" in ${JSON.stringify(list.items.map((m) => m.subject))}`);
  return item.id;
}

/** Waits until the message's global report shows at least these counts (events are written in batches). */
export async function expectCounts(collector: Pick<TestCollector, 'api'>, id: string, want: { opens: number; clicks: number }): Promise<Report> {
  let report: Report | undefined;
  await expect
    .poll(
      async () => {
        report = await collector.api<Report>(`/api/messages/${id}/reports/global`);
        return report.opens.total >= want.opens && report.clicks.total >= want.clicks;
      },
      { timeout: 15_000, interval: 250 },
    )
    .toBe(true);
  return report!;
}
