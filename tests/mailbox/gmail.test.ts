import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Report } from '@beacon/shared/api/reports';
import { registerAs } from '../support/accounts';
import { axeFindings, blocking } from '../support/axe';
import type { ExtensionBrowser } from '../support/browser';
import type { TestCollector } from '../support/collector';
import { dateTimeIn, expectCardMatchesReport, expectNoMark, gmailRendered, markIn, serveMailbox, startSignedIn, waitForMark } from '../support/mailbox';
import { followLink, HUMAN_UA, loadPixel } from '../support/tracking';

const URL = 'https://mail.google.com/mail/u/0/';
/** The fixtures' threads: the first two are sent tracked, the third without Beacon. */
const [FIRST, SECOND, UNTRACKED, NEVER_OPENED] = ['18c2a1f0e0d0c0b1', '18c29f7a6b5c4d3e', '18c29e1d2c3b4a59', '18c29d0c1b2a3948'];
/** The fourth row's message, as each fixture shows it. */
const FOURTH = { en: { subject: 'Q1 review', email: 'dave@example.com' }, de: { subject: 'Quartalsbericht Q1', email: 'mia.braun@beispiel.de' } };

async function gmailScenario(locale: 'en' | 'de', label: RegExp, notOpened: string) {
  let collector: TestCollector;
  let browser: ExtensionBrowser;
  let page: Page;
  let first: Awaited<ReturnType<typeof registerAs>>;
  let second: Awaited<ReturnType<typeof registerAs>>;
  const row = (thread: string) => page.locator('tr.zA', { has: page.locator(`[data-legacy-thread-id="${thread}"]`) });
  const message = () => page.locator('div.adn');

  beforeAll(async () => {
    ({ collector, browser } = await startSignedIn(locale));
    first = await registerAs(collector, collector.token, {
      subject: 'Launch plan',
      source: 'gmail',
      pixelForm: 'image',
      html: '<p>Hi Ann, <a href="https://acme.example/plan">the plan</a> and <a href="https://acme.example/deck">the deck</a>.</p>',
    });
    // No image of its own: the pixel is a table's background, as most messages written in Gmail get it.
    second = await registerAs(collector, collector.token, {
      subject: 'Pricing follow-up',
      source: 'gmail',
      html: '<p>Bob, <a href="https://acme.example/pricing">prices</a>.</p>',
    });
    await serveMailbox(browser.context, URL, `gmail/fixtures/sent-${locale}.html`, 'gmail-mailbox.js', {
      [FIRST]: gmailRendered(first.html),
      [SECOND]: gmailRendered(second.html),
      [UNTRACKED]: '<p>Are you free? <a href="https://acme.example/menu">menu</a></p>',
    });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  it('marks a tracked message in its thread: ✓ sent, then ✓✓ opened and clicked within 2 s of the hits, no reload', async () => {
    await page.goto(`${URL}#sent/${FIRST}`);
    const mark = markIn(message(), label);
    await expect.poll(() => mark.getAttribute('aria-label'), { timeout: 10_000 }).toContain(notOpened);
    expect(await mark.textContent()).toBe('✓');
    // Its own look, whatever the host's CSS (the shared sheet reached its shadow root).
    expect(await mark.evaluate((el) => getComputedStyle(el).fontSize)).toBe('12px');
    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));

    await loadPixel(first.pixelUrl!);
    const opened = await waitForMark(mark, { opens: 1, clicks: 0 });
    expect(await mark.textContent()).toBe('✓✓1');
    await followLink(first.links.find((l) => l.url === 'https://acme.example/deck')!.trackedUrl!);
    const clicked = await waitForMark(mark, { opens: 1, clicks: 1 });
    expect(await mark.textContent()).toBe('✓✓1↗');
    // On hover, the last open's time: the pixel's, which the click after it does not move.
    const { lastOpenAt } = await collector.api<Report>(`/api/messages/${first.id}/reports/global`);
    expect(await mark.getAttribute('title')).toContain(await dateTimeIn(page, lastOpenAt));
    expect(navigations).toEqual([]);
    console.log(`Gmail (${locale}): opened mark after ${opened} ms, clicked mark after ${clicked} ms`);
  });

  it("opens a card whose figures are the report's, with a link to the report in the popup; axe finds nothing serious", async () => {
    // A machine's fetch: excluded from the counts, listed in the card.
    await fetch(first.pixelUrl!, { headers: { 'user-agent': 'curl/8.5.0' } });
    await fetch(first.pixelUrl!, { headers: { 'user-agent': HUMAN_UA.replace('Chrome/126', 'Firefox/128') } });
    const mark = markIn(message(), label);
    await waitForMark(mark, { opens: 2, clicks: 1 });
    await mark.click();
    const card = page.getByTestId('mailbox-card');
    await card.waitFor();
    expect(await mark.getAttribute('aria-expanded')).toBe('true');
    // Its styles came with it (the card's script and CSS are loaded on this first click).
    expect(await card.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    const report = await expectCardMatchesReport(page, card, collector, first.id);
    expect(report.excluded).toMatchObject({ bot: 1 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(blocking(await axeFindings(page, ['[data-beacon-mark]', '[data-beacon-card]'])), colorScheme).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    const [popup] = await Promise.all([browser.context.waitForEvent('page'), card.getByRole('button').last().click()]);
    expect(popup.url()).toBe(`chrome-extension://${browser.extensionId}/popup.html#/message/${first.id}/global`);
    await popup.close();
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    expect(await mark.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
  });

  it('marks the other tracked message ✓ and shows no mark on a message sent without tracking', async () => {
    await page.evaluate((id) => (location.hash = `#sent/${id}`), SECOND);
    await expect.poll(() => markIn(message(), label).getAttribute('data-opens'), { timeout: 5000 }).toBe('0');
    await page.evaluate((id) => (location.hash = `#sent/${id}`), UNTRACKED);
    await expectNoMark(message(), label);
  });

  it('marks the Sent list rows of threads it has seen, live, and none on the untracked one', async () => {
    await page.evaluate(() => (location.hash = '#sent'));
    const firstMark = markIn(row(FIRST), label);
    await waitForMark(firstMark, { opens: 2, clicks: 1 }, 5000);
    const secondMark = markIn(row(SECOND), label);
    await waitForMark(secondMark, { opens: 0, clicks: 0 }, 5000);
    await expectNoMark(row(UNTRACKED), label, 500);

    await loadPixel(second.pixelUrl!);
    const ms = await waitForMark(secondMark, { opens: 1, clicks: 0 });
    console.log(`Gmail (${locale}) Sent list: opened mark after ${ms} ms`);
    // The rows themselves did not move: the mark is out of the flow.
    const boxes = await page.locator('tr.zA').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    expect(new Set(boxes)).toEqual(new Set([40]));
  });

  it('marks a row whose thread was never open by the message this browser registered with its subject and recipient', async () => {
    expect(await markIn(row(NEVER_OPENED), label).count()).toBe(0);
    // Registered the way a composer does: the extension's own request to its background.
    const options = await browser.openPage('options.html');
    const registered = (await options.evaluate(
      (message) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
          beacon: 'registerMessage',
          input: { key: crypto.randomUUID(), message },
        }),
      {
        subject: FOURTH[locale].subject,
        recipients: [{ email: FOURTH[locale].email }],
        html: '<p>The review: <a href="https://acme.example/q1">Q1</a></p>',
        source: 'gmail',
      },
    )) as { ok: boolean; value: { id: string; pixelUrl: string } };
    await options.close();
    expect(registered.ok).toBe(true);
    // No reload: the page learns of the new registration and asks about its rows again.
    const mark = markIn(row(NEVER_OPENED), label);
    await waitForMark(mark, { opens: 0, clicks: 0 }, 5000);
    await loadPixel(registered.value.pixelUrl);
    await waitForMark(mark, { opens: 1, clicks: 0 });
    await expectNoMark(row(UNTRACKED), label, 0);
  });
}

describe('Gmail read marks (English UI)', () => gmailScenario('en', /^Beacon read status/, 'Sent, not opened yet'));
describe('Gmail read marks (German UI, browser in German)', () => gmailScenario('de', /^Beacon-Lesestatus/, 'Gesendet, noch nicht geöffnet'));
