import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { fixture, hostScript, serveHost } from '../support/hosts';
import { signInThroughOptions } from '../support/options';
import { registerAs } from '../support/accounts';
import { expectCounts, followLink, loadPixel } from '../support/tracking';
import { axeChecker } from '../support/axe';

let collector: TestCollector;
let browser: ExtensionBrowser;
let messageId = '';
const { check, checkLightAndDark, report } = axeChecker();

beforeAll(async () => {
  collector = await startTestCollector();
  browser = await launchWithExtension();
  await signInThroughOptions(browser.context, browser.extensionId, collector.url, collector.token).then((page) => page.close());
  const message = await registerAs(collector, collector.token, {
    subject: 'Quarterly proposal',
    recipients: [{ email: 'pat@example.com', name: 'Pat Buyer' }],
  });
  messageId = message.id;
  await loadPixel(message.pixelUrl!);
  await followLink(message.links.find((l) => l.trackedUrl)!.trackedUrl!);
});
afterAll(async () => {
  report('axe-core findings by view');
  await browser?.close();
  await collector?.stop();
});

const extensionPage = (path: string, width = 1280) => browser.openPage(path, { width, height: 800 });

/** Gmail's pop-out composer: one composer, so one toolbar and one overlay on the page. */
async function gmail(): Promise<Page> {
  const url = 'https://mail.google.com/mail/u/0/?view=cm&fs=1';
  await serveHost(browser.context, url, fixture('gmail/fixtures/popout.html'), [hostScript('gmail.js')]);
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.getByRole('switch', { name: 'Track opens' }).waitFor();
  return page;
}

/** Whether the element is the one with focus, inside whatever shadow root holds it. */
const hasFocus = (page: Page, role: Parameters<Page['getByRole']>[0], name: string) =>
  page.getByRole(role, { name, exact: true }).evaluate((el) => (el.getRootNode() as Document | ShadowRoot).activeElement === el);

describe('axe-core finds no serious or critical problem', () => {
  it('in the popup: recent messages, a message report Live and Global, the overview', async () => {
    await expectCounts(collector, messageId, { opens: 1, clicks: 1 });
    const popup = await extensionPage('popup.html', 440);
    await popup.locator('li.message').first().waitFor();
    await check('popup: messages', popup);
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html#/message/${messageId}/live`);
    await popup.locator('.report[data-scope="live"] .chart[data-drawn="true"]').waitFor();
    await check('popup: message, Live', popup);
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html#/message/${messageId}/global`);
    await popup.locator('.report[data-scope="global"] .chart[data-drawn="true"]').waitFor();
    await checkLightAndDark('popup: message, Global', popup);
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html#/overview/live`);
    await popup.locator('.report[data-scope="live"]').waitFor();
    await check('popup: overview', popup);
    await popup.close();
  });

  it('in the options, signed in and signed out with a refused address, and the privacy policy', async () => {
    const options = await extensionPage('options.html');
    await options.getByTestId('signed-in').waitFor();
    await checkLightAndDark('options: signed in', options);
    await options.getByRole('button', { name: 'Sign out' }).click();
    await options.getByLabel('Collector URL').fill('beacon.acme.example');
    await options.getByRole('button', { name: 'Sign in' }).click();
    await options.getByRole('alert').waitFor();
    await check('options: sign-in form with an error', options);
    await options.close();
    await signInThroughOptions(browser.context, browser.extensionId, collector.url, collector.token).then((page) => page.close());
    const privacy = await extensionPage('privacy.html');
    await privacy.locator('h1').waitFor();
    await check('privacy policy', privacy);
    await privacy.close();
  });

  it("in the composer: the toolbar, the Insert link dialog, the Links panel with its editor, and a send's question", async () => {
    const page = await gmail();
    await check('composer: toolbar', page, ['beacon-toolbar']);
    await page.locator('[g_editable="true"]').click();
    await page.keyboard.press('Control+End');
    await page.getByRole('button', { name: 'Insert link', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Insert link' });
    await dialog.waitFor();
    await check('composer: Insert link dialog', page, ['beacon-overlay']);
    await dialog.getByLabel('URL').fill('https://acme.example/offer?e=');
    await dialog.getByRole('button', { name: '{{recipient.email}}' }).click();
    await dialog.getByLabel('Text').fill('your offer');
    await dialog.getByRole('button', { name: 'Insert', exact: true }).click();
    await page.getByRole('button', { name: 'Links', exact: true }).click();
    await page
      .getByRole('button', { name: /^Edit / })
      .first()
      .click();
    await page.getByRole('form', { name: 'Edit link' }).waitFor();
    await check('composer: Links panel and link editor', page, ['beacon-overlay']);
    await page.emulateMedia({ colorScheme: 'dark' });
    await check('composer: toolbar and Links panel, dark', page, ['beacon-toolbar', 'beacon-overlay']);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    // Two recipients and a {{recipient.…}} link: Beacon asks before sending.
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('dan@example.com');
    await page.getByText('Several recipients').waitFor();
    await page.locator('.aoO').click();
    await page.getByRole('alertdialog', { name: 'Personalization needs one recipient' }).waitFor();
    await check('composer: question before sending', page, ['beacon-overlay']);
    await page.keyboard.press('Escape');
    await page.close();
  });
});

describe('everything works from the keyboard alone', () => {
  it('composer: Insert link, the Links panel and the switches, focus going where the user expects', async () => {
    const page = await gmail();
    await page.locator('[g_editable="true"]').click();
    await page.keyboard.press('Control+End');
    await page.getByRole('button', { name: 'Insert link', exact: true }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Insert link' });
    expect(await dialog.getByLabel('URL').evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    // Tab stays in the dialog: past its last button it comes back to the first control.
    for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains((el.getRootNode() as ShadowRoot).activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await hasFocus(page, 'button', 'Insert link')).toBe(true);

    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('https://acme.example/keyboard');
    await dialog.getByLabel('Text').focus();
    await page.keyboard.type('by keyboard');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('[g_editable="true"] a[href="https://acme.example/keyboard"]').textContent()).toBe('by keyboard');

    await page.getByRole('button', { name: 'Links', exact: true }).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Links' });
    await panel.waitFor();
    expect(await panel.evaluate((el) => el.contains((el.getRootNode() as ShadowRoot).activeElement))).toBe(true);
    const select = panel.getByLabel('Tracking for https://acme.example/keyboard');
    await select.focus();
    await select.selectOption('never');
    expect(await select.inputValue()).toBe('never');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await hasFocus(page, 'button', 'Links')).toBe(true);

    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.getByRole('switch', { name: 'Track clicks' }).getAttribute('aria-checked')).toBe('false');
    await page.close();
  });

  it('popup: from the list to a report and its Global tab', async () => {
    const popup = await extensionPage('popup.html', 440);
    await popup.locator('li.message').first().waitFor();
    const reached: string[] = [];
    for (let i = 0; i < 8 && !reached.at(-1)?.includes('Quarterly proposal'); i++) {
      await popup.keyboard.press('Tab');
      reached.push(await popup.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(reached.at(-1)).toContain('Quarterly proposal');
    await popup.keyboard.press('Enter');
    await popup.locator('.report[data-scope="live"]').waitFor();
    // The tab list is one Tab stop (the selected tab); the arrow keys move between its tabs.
    await popup.getByRole('tab', { name: 'Live' }).focus();
    await popup.keyboard.press('ArrowRight');
    await popup.locator('.report[data-scope="global"]').waitFor();
    expect(await popup.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Global');
    await popup.close();
  });

  it('options: signing in with the keyboard', async () => {
    const options = await extensionPage('options.html');
    await options.getByRole('button', { name: 'Sign out' }).focus();
    await options.keyboard.press('Enter');
    await options.getByLabel('Collector URL').focus();
    await options.keyboard.press('Control+a');
    await options.keyboard.type(collector.url);
    await options.keyboard.press('Tab');
    await options.keyboard.type(collector.token);
    await options.keyboard.press('Enter');
    await options.getByTestId('signed-in').waitFor();
    await options.close();
  });
});
