import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { Report } from '@beacon/shared/api/reports';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { startTestCollector, type TestCollector } from './collector';
import { fixture, hostScript, serveHost } from './hosts';

/**
 * A sent message's body as each host renders it in the mailbox. Gmail shows external images through its proxy
 * (`https://ciN.googleusercontent.com/meips/…#<original>`) and gives links a `data-saferedirecturl`; Outlook shows
 * them through its own proxy keeping the original in `originalsrc`, and wraps links in Safe Links (`originalsrc` too).
 */
export function gmailRendered(html: string): string {
  return html
    .replace(
      / (src|background)="([^"]+)"/g,
      (_, attr: string, url: string) => ` ${attr}="https://ci3.googleusercontent.com/meips/ADKq_NZb4Xo=s0-d-e1-ft#${url}"`,
    )
    .replace(
      / href="(https?:[^"]+)"/g,
      (_, url: string) =>
        ` href="${url}" data-saferedirecturl="https://www.google.com/url?q=${encodeURIComponent(url.replace(/&amp;/g, '&'))}&amp;source=gmail"`,
    );
}

export function outlookRendered(html: string): string {
  return html
    .replace(
      /<img([^>]*?) src="([^"]+)"/g,
      (_, rest: string, url: string) =>
        `<img${rest} data-imagetype="External" src="https://outlook.office.com/actions/ei?u=${encodeURIComponent(url)}&amp;d=2026-12-01" originalsrc="${url}"`,
    )
    .replace(
      / href="(https?:[^"]+)"/g,
      (_, url: string) =>
        ` href="https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(url.replace(/&amp;/g, '&'))}&amp;data=05%7C02&amp;reserved=0" originalsrc="${url}" shash="x"`,
    );
}

/** A mailbox fixture with its `{{body:<thread id>}}` slots filled, served at `url` with its host script. */
export async function serveMailbox(context: BrowserContext, url: string, path: string, script: string, bodies: Record<string, string>) {
  const html = fixture(path).replace(/\{\{body:(\w+)\}\}/g, (_, id: string) => bodies[id] ?? '<p>(no body)</p>');
  // The images the host's proxies would serve: an empty answer, nothing leaves the machine.
  for (const proxy of ['https://ci3.googleusercontent.com/**', 'https://outlook.office.com/actions/**']) {
    await context.route(proxy, (route) => route.fulfill({ status: 200, contentType: 'image/gif', body: '' }));
  }
  return serveHost(context, url, html, [hostScript(script)]);
}

/** Beacon's read marks on the page (in their shadow roots): buttons named for the read status. */
export const marks = (page: Page, label: RegExp) => page.getByRole('button', { name: label });

/** The mark in a host element (a row, a message header). */
export const markIn = (scope: Locator, label: RegExp) => scope.getByRole('button', { name: label });

/** Polls until the mark shows `opens` and `clicks`, within `ms` of now; returns how long it took. */
export async function waitForMark(mark: Locator, want: { opens: number; clicks: number }, ms = 2000): Promise<number> {
  const start = Date.now();
  await expect
    .poll(async () => `${await mark.getAttribute('data-opens').catch(() => null)}/${await mark.getAttribute('data-clicks').catch(() => null)}`, {
      timeout: ms,
      interval: 50,
    })
    .toBe(`${want.opens}/${want.clicks}`);
  return Date.now() - start;
}

/** No mark appears in `scope`, given the time a mark takes to come (it asks the background, which asks the collector). */
export async function expectNoMark(scope: Locator, label: RegExp, settleMs = 1500): Promise<void> {
  await new Promise((r) => setTimeout(r, settleMs));
  expect(await markIn(scope, label).count()).toBe(0);
}

/** A time as the extension writes it on this page (its language, medium date and short time); null stays null. */
export const dateTimeIn = (page: Page, iso: string | null) =>
  iso ? page.evaluate((v) => new Intl.DateTimeFormat(navigator.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(v)), iso) : null;

/** The card's figures against the report the popup reads (`GET /api/messages/{id}/reports/global`). */
export async function expectCardMatchesReport(page: Page, card: Locator, collector: TestCollector, id: string): Promise<Report> {
  const report = await collector.api<Report>(`/api/messages/${id}/reports/global`);
  const number = (n: number) => page.evaluate((v) => new Intl.NumberFormat(navigator.language).format(v), n);
  const dateTime = (iso: string | null) => dateTimeIn(page, iso);
  await expect.poll(() => card.getByTestId('card-opens').textContent()).toBe(await number(report.opens.total));
  expect(await card.getByTestId('card-clicks').textContent()).toBe(await number(report.clicks.total));
  // First and last open: the pixel's, which a later click does not move (the report's lastActivityAt does).
  expect(report.firstOpenAt).not.toBeNull();
  expect(await card.getByTestId('card-first-open').textContent()).toBe(await dateTime(report.firstOpenAt));
  expect(await card.getByTestId('card-last-open').textContent()).toBe(await dateTime(report.lastOpenAt));
  for (const client of report.clients) {
    expect(await card.locator(`[data-client="${client.name}"] .num`).textContent()).toBe(await number(client.opens));
  }
  for (const link of report.links.filter((l) => l.type === 'tracked')) {
    expect(await card.locator(`tr[data-url="${link.url}"] td.num`).first().textContent()).toBe(await number(link.clicks));
  }
  for (const [reason, count] of Object.entries(report.excluded)) {
    expect(await card.locator(`tr[data-reason="${reason}"] td.num`).textContent()).toBe(await number(count));
  }
  return report;
}

/** Signs in through the options form in any language: its fields and button by name, not by their translated labels. */
export async function signInInAnyLanguage(context: BrowserContext, extensionId: string, collectorUrl: string, token: string): Promise<void> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.locator('input[name="collector-url"]').fill(collectorUrl);
  await options.locator('input[name="api-token"]').fill(token);
  await options.locator('button[type="submit"]').first().click();
  await options.getByTestId('signed-in').waitFor({ timeout: 30_000 });
  await options.close();
}

/** A collector, and Chromium with the built extension in the UI language `locale`, signed in to it. */
export async function startSignedIn(locale: string): Promise<{ collector: TestCollector; browser: ExtensionBrowser }> {
  const collector = await startTestCollector();
  const browser = await launchWithExtension({ locale });
  await signInInAnyLanguage(browser.context, browser.extensionId, collector.url, collector.token);
  return { collector, browser };
}
