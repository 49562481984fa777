import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { fixture, hostScript, serveHost, waitForSent } from '../support/hosts';
import { signInThroughOptions } from '../support/options';
import { followLink, hrefs, loadPixel, messageId, pixelSrc } from '../support/tracking';
import { userToken } from '../support/accounts';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let collector: TestCollector;
let browser: ExtensionBrowser;
let popup: Page;
let id = '';
let sentHtml = '';
const SUBJECT = 'Re: Quarterly numbers';

beforeAll(async () => {
  collector = await startTestCollector();
  browser = await launchWithExtension();
  const ann = await userToken(collector, 'ann@acme.example', 'rep');
  await (await signInThroughOptions(browser.context, browser.extensionId, collector.url, ann)).close();
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

/** The service worker's `chrome` (playwright runs these functions there). */
interface Chrome {
  action: { getBadgeText(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
}
const badge = () => browser.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({}));
const row = () => popup.locator('li.message').filter({ hasText: SUBJECT });

async function openPopup(hash = ''): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 440, height: 600 });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html${hash}`);
  return page;
}

describe('popup, live', () => {
  it('lists a message sent through the Gmail composer, newest first, with no activity yet', async () => {
    const sent = await serveHost(browser.context, 'https://mail.google.com/mail/u/0/', fixture('gmail/fixtures/compose-en.html'), [hostScript('gmail.js')]);
    const gmail = await browser.context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/');
    const reply = gmail.locator('.aoI').filter({ has: gmail.locator(`input[name="subjectbox"][value="${SUBJECT}"]`) });
    await expect.poll(() => reply.getByRole('switch', { name: 'Track opens' }).getAttribute('aria-checked')).toBe('true');
    await reply.locator('[g_editable="true"]').click();
    await gmail.keyboard.press('Control+Enter');
    sentHtml = (await waitForSent(sent)).html;
    await gmail.close();
    id = await messageId(collector, SUBJECT);

    popup = await openPopup();
    await row().waitFor();
    expect(await row().locator('.to').textContent()).toBe('To Carol Diaz');
    expect(await row().locator('[data-testid="opens"]').textContent()).toBe('0');
    expect(await row().locator('.last').textContent()).toBe('No activity yet');
    await expect.poll(() => popup.getByTestId('stream-status').textContent()).toBe('Live');
    await popup.screenshot({ path: `${ARTIFACTS}/popup-messages-empty-activity.png` });
  });

  it('counts the open and the click in the list as they happen, without reloading', async () => {
    const opened = Date.now();
    await loadPixel(pixelSrc(sentHtml, collector.url)!);
    await expect.poll(() => row().locator('[data-testid="opens"]').textContent(), { timeout: 5000, interval: 50 }).toBe('1');
    const openLatency = Date.now() - opened;
    const link = hrefs(sentHtml).find((href) => href.startsWith(`${collector.url}/c/`))!;
    const clicked = Date.now();
    await followLink(link);
    await expect.poll(() => row().locator('[data-testid="clicks"]').textContent(), { timeout: 5000, interval: 50 }).toBe('1');
    const clickLatency = Date.now() - clicked;
    console.log(`popup list updated ${openLatency} ms after the pixel and ${clickLatency} ms after the click`);
    expect(Math.max(openLatency, clickLatency)).toBeLessThan(2000);
    expect(await row().locator('.last').textContent()).toMatch(/^Last activity /);
    await popup.screenshot({ path: `${ARTIFACTS}/popup-messages.png` });
  });

  it("shows the message's Live report and updates it live, then the Global report", async () => {
    await row().locator('button.row').click();
    await popup.locator('.report[data-scope="live"]').waitFor();
    expect(popup.url()).toContain(`#/message/${id}/live`);
    const figure = (name: string) => popup.locator(`[data-figure="${name}"] .value`);
    expect(await figure('opens').textContent()).toBe('1');
    expect(await figure('clicks').textContent()).toBe('1');
    await expect.poll(() => popup.locator('.chart').getAttribute('data-drawn')).toBe('true');
    const link = hrefs(sentHtml).find((href) => href.startsWith(`${collector.url}/c/`))!;
    const clicked = Date.now();
    await followLink(link);
    await expect.poll(() => figure('clicks').textContent(), { timeout: 5000, interval: 50 }).toBe('2');
    console.log(`Live report updated ${Date.now() - clicked} ms after the click`);
    expect(Date.now() - clicked).toBeLessThan(2000);
    await popup.screenshot({ path: `${ARTIFACTS}/popup-message-live.png`, fullPage: true });

    // Machine traffic: a link checker's HEAD and a crawler fetching the pixel are shown apart, not counted.
    await fetch(link, {
      method: 'HEAD',
      redirect: 'manual',
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36' },
    });
    await fetch(pixelSrc(sentHtml, collector.url)!, { headers: { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' } });
    await popup.getByRole('tab', { name: 'Global' }).click();
    await popup.locator('.report[data-scope="global"]').waitFor();
    await expect.poll(() => popup.locator('details[data-testid="excluded"] summary').textContent(), { timeout: 5000 }).toBe('Machine events excluded: 2');
    expect(await figure('opens').textContent()).toBe('1');
    expect(await figure('clicks').textContent()).toBe('2');
    expect(await figure('sent').textContent()).toBe('1');
    expect(await figure('open-rate').textContent()).toBe('100%');
    expect(await popup.locator('tr[data-url]').count()).toBeGreaterThan(0);
    await popup.locator('details[data-testid="excluded"] summary').click();
    expect(await popup.locator('details[data-testid="excluded"] tr').allTextContents()).toEqual(['Bots and crawlers1', 'Link checkers (HEAD requests)1']);
    await popup.screenshot({ path: `${ARTIFACTS}/popup-message-global.png`, fullPage: true });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: `${ARTIFACTS}/popup-message-global-dark.png`, fullPage: true });
    await popup.emulateMedia({ colorScheme: 'light' });
  });

  it('shows the same two tabs over all messages', async () => {
    await popup.getByRole('link', { name: 'Overview' }).click();
    await popup.locator('.report[data-scope="live"]').waitFor();
    expect(await popup.locator('h2').first().textContent()).toBe('All your messages');
    expect(await popup.locator('[data-figure="opens"] .value').textContent()).toBe('1');
    expect(await popup.locator('[data-figure="clicks"] .value').textContent()).toBe('2');
    await popup.screenshot({ path: `${ARTIFACTS}/popup-overview-live.png`, fullPage: true });
  });

  it('counts new activity on the toolbar badge while the popup is closed, and clears it when it opens', async () => {
    await popup.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(await badge()).toBe('');
    const link = hrefs(sentHtml).find((href) => href.startsWith(`${collector.url}/c/`))!;
    await followLink(link);
    await loadPixel(pixelSrc(sentHtml, collector.url)!);
    await expect.poll(badge, { timeout: 5000 }).toBe('2');
    popup = await openPopup();
    await expect.poll(badge, { timeout: 3000 }).toBe('');
  });

  it('notified the first open and each click, naming subject and recipient', async () => {
    const shown = await browser.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll());
    const ids = Object.keys(shown).filter((key) => key.startsWith(`beacon:${id}:`));
    expect(ids).toHaveLength(1 + 3); // one first open, three clicks; the second open is not news
  });

  it('opens a message report directly at popup.html#/message/ID, as a notification click does', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html#/message/${id}`);
    await page.locator('.report[data-scope="live"]').waitFor();
    expect(await page.locator('h2').first().textContent()).toBe(SUBJECT);
    await page.screenshot({ path: `${ARTIFACTS}/popup-message-in-tab.png` });
    await page.close();
  });

  it('reconnects the stream when the service worker is woken after being stopped', async () => {
    await popup.close();
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const cdp = await browser.context.newCDPSession(page);
    const states: string[] = [];
    let versionId = '';
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (!v.scriptURL.endsWith('/background.js')) continue;
        versionId = v.versionId;
        states.push(v.runningStatus);
      }
    });
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => versionId).not.toBe('');
    await cdp.send('ServiceWorker.stopWorker', { versionId });
    // The worker, its stream and its memory are gone, as after an eviction.
    await expect.poll(() => states.at(-1)).toBe('stopped');
    popup = await openPopup(`#/message/${id}/live`); // opening the popup wakes the worker
    await expect.poll(() => states.at(-1)).toBe('running');
    await page.close();
    await expect.poll(() => popup.getByTestId('stream-status').textContent(), { timeout: 10_000 }).toBe('Live');
    const before = Number(await popup.locator('[data-figure="clicks"] .value').textContent());
    await followLink(hrefs(sentHtml).find((href) => href.startsWith(`${collector.url}/c/`))!);
    await expect.poll(() => popup.locator('[data-figure="clicks"] .value').textContent(), { timeout: 5000 }).toBe(String(before + 1));
  });

  it('says the collector cannot be reached when it is down, and what to do', async () => {
    await collector.collector.stop();
    await expect.poll(() => popup.getByTestId('stream-status').textContent(), { timeout: 10_000 }).toBe('Reconnecting…');
    const page = await openPopup();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Cannot reach the collector');
    expect(await page.getByRole('alert').textContent()).toContain('Check that it is running, or change its address in Options.');
    await page.screenshot({ path: `${ARTIFACTS}/popup-collector-down.png` });
  });
});
