import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { registerAs } from '../support/accounts';
import { axeFindings, blocking } from '../support/axe';
import type { ExtensionBrowser } from '../support/browser';
import type { TestCollector } from '../support/collector';
import { expectCardMatchesReport, expectNoMark, markIn, outlookRendered, serveMailbox, startSignedIn, waitForMark } from '../support/mailbox';
import { followLink, loadPixel } from '../support/tracking';

const URL = 'https://outlook.office.com/mail/sentitems';
/** The fixtures' conversations: the first two sent tracked, the third without Beacon. */
const [FIRST, SECOND, UNTRACKED] = ['AAQkAGI2TG93AAABAAAA', 'AAQkAGI2TG93AAACAAAA', 'AAQkAGI2TG93AAADAAAA'];

function outlookScenario(locale: 'en' | 'fr', label: RegExp, notOpened: string) {
  let collector: TestCollector;
  let browser: ExtensionBrowser;
  let page: Page;
  let first: Awaited<ReturnType<typeof registerAs>>;
  let second: Awaited<ReturnType<typeof registerAs>>;
  const row = (id: string) => page.locator(`[role="option"][data-convid="${id}"]`);
  const pane = () => page.locator('#ReadingPaneContainerId');

  beforeAll(async () => {
    ({ collector, browser } = await startSignedIn(locale));
    first = await registerAs(collector, collector.token, {
      subject: 'Launch plan',
      source: 'outlook',
      pixelForm: 'image',
      html: '<p>Hi Ann, <a href="https://acme.example/plan">the plan</a>.</p>',
    });
    second = await registerAs(collector, collector.token, {
      subject: 'Pricing',
      source: 'outlook',
      pixelForm: 'image',
      html: '<p>Prices: <a href="https://acme.example/pricing">here</a></p>',
    });
    await serveMailbox(browser.context, URL, `outlook/fixtures/sent-items-${locale}.html`, 'outlook-mailbox.js', {
      [FIRST]: outlookRendered(first.html),
      [SECOND]: outlookRendered(second.html),
      [UNTRACKED]: outlookRendered('<p>Are you free? <a href="https://acme.example/menu">menu</a></p>'),
    });
    page = await browser.context.newPage();
    await page.goto(URL);
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  it('marks the message in the reading pane and its Sent Items row; opened and clicked within 2 s of the hits', async () => {
    await row(FIRST).click();
    const mark = markIn(pane(), label);
    await expect.poll(() => mark.getAttribute('aria-label'), { timeout: 10_000 }).toContain(notOpened);
    // The row learned its message from the pane, and shows it too.
    const rowMark = markIn(row(FIRST), label);
    await waitForMark(rowMark, { opens: 0, clicks: 0 }, 5000);

    await loadPixel(first.pixelUrl!);
    const opened = await waitForMark(mark, { opens: 1, clicks: 0 });
    await waitForMark(rowMark, { opens: 1, clicks: 0 }, 200);
    await followLink(first.links.find((l) => l.trackedUrl)!.trackedUrl!);
    const clicked = await waitForMark(mark, { opens: 1, clicks: 1 });
    expect(await mark.textContent()).toBe('✓✓1↗');
    console.log(`Outlook (${locale}): opened mark after ${opened} ms, clicked mark after ${clicked} ms`);
  });

  it("opens a card from the row's mark with the report's figures; axe finds nothing serious", async () => {
    const rowMark = markIn(row(FIRST), label);
    const selected = await row(FIRST).getAttribute('aria-selected');
    await rowMark.click();
    const card = page.getByTestId('mailbox-card');
    await card.waitFor();
    expect(await row(FIRST).getAttribute('aria-selected')).toBe(selected); // the click was the mark's, not the row's
    await expectCardMatchesReport(page, card, collector, first.id);
    expect(blocking(await axeFindings(page, ['[data-beacon-mark]', '[data-beacon-card]']))).toEqual([]);
    await card.getByRole('button').first().click(); // close
    await card.waitFor({ state: 'detached' });
  });

  it('shows no mark on a message sent without tracking, and marks the other tracked one', async () => {
    await row(UNTRACKED).click();
    await expectNoMark(pane(), label);
    await expectNoMark(row(UNTRACKED), label, 0);
    await row(SECOND).click();
    await waitForMark(markIn(pane(), label), { opens: 0, clicks: 0 }, 5000);
    await loadPixel(second.pixelUrl!);
    await waitForMark(markIn(row(SECOND), label), { opens: 1, clicks: 0 });
  });
}

describe('Outlook read marks (English UI)', () => outlookScenario('en', /^Beacon read status/, 'Sent, not opened yet'));
describe('Outlook read marks (French UI, browser in French)', () => outlookScenario('fr', /^Statut de lecture Beacon/, 'Envoyé, pas encore ouvert'));
