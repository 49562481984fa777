import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { fixture, hostScript, serveHost, waitForSent } from '../support/hosts';
import { signInThroughOptions } from '../support/options';
import { expectCounts, followLink, hrefs, loadPixel, messageId, pixelSrc } from '../support/tracking';
import { insertLink, setTracking } from '../support/composer-ui';

let collector: TestCollector;
let browser: ExtensionBrowser;
beforeAll(async () => {
  collector = await startTestCollector();
  browser = await launchWithExtension();
  await signInThroughOptions(browser.context, browser.extensionId, collector.url, collector.token);
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

async function open(url: string, fixturePath: string): Promise<{ page: Page; sent: Awaited<ReturnType<typeof serveHost>> }> {
  const sent = await serveHost(browser.context, url, fixture(fixturePath), [hostScript('outlook.js')]);
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.getByRole('switch', { name: 'Track clicks' }).waitFor();
  return { page, sent };
}

describe('Outlook on the web', () => {
  it('tracks a reply written in the reading pane: links inserted, one set to Never, click and open counted', async () => {
    const { page, sent } = await open('https://outlook.office.com/mail/inbox/id/AAQk', 'outlook/fixtures/reading-pane.html');
    const body = page.locator('#editorParent_1 [contenteditable="true"]');
    await body.locator('.elementToProof').first().click();
    await page.keyboard.press('End');
    await insertLink(page, 'External link', 'https://shop.example.com/deal', 'the deal');
    await insertLink(page, 'Unsubscription link');
    await insertLink(page, 'Mirror page link');
    // The Links panel follows the body as it changes, and locates each occurrence.
    await page.getByRole('button', { name: 'Links', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Links' });
    await expect.poll(() => panel.locator('li').count(), { timeout: 10_000 }).toBe(4);
    await body.evaluate((el) => el.insertAdjacentHTML('beforeend', '<div>PS: <a href="https://notes.example.com/call-42">notes again</a></div>'));
    await expect.poll(() => panel.locator('li[data-url="https://notes.example.com/call-42"]').textContent(), { timeout: 10_000 }).toContain('×2');
    await panel.getByRole('button', { name: 'Locate https://notes.example.com/call-42' }).click();
    await expect.poll(() => page.getByTestId('locate-box').count(), { timeout: 10_000 }).toBe(2);
    await panel.getByRole('button', { name: 'Close' }).click();
    await setTracking(page, 'https://notes.example.com/call-42', 'never');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const message = await waitForSent(sent);
    const links = hrefs(message.html);
    expect(links.filter((href) => href === 'https://notes.example.com/call-42')).toHaveLength(2);
    const tracked = links.filter((href) => href.startsWith(`${collector.url}/`));
    expect(tracked).toHaveLength(3);
    const pixel = pixelSrc(message.html, collector.url);
    expect(pixel).toBeDefined();

    const id = await messageId(collector, 'RE: Follow-up');
    expect(await followLink(tracked[0]!)).toBe('https://shop.example.com/deal');
    await loadPixel(pixel!);
    await expectCounts(collector, id, { opens: 1, clicks: 1 });
  });

  it('tracks a popped-out French composer and says opens cannot be told apart with two recipients', async () => {
    const { page, sent } = await open('https://outlook.live.com/mail/0/deeplink/compose', 'outlook/fixtures/popout-fr.html');
    await expect.poll(() => page.getByText("opens can't be told apart").count(), { timeout: 10_000 }).toBe(1);
    await page.locator('[id^="editorParent"] [contenteditable="true"]').click();
    await page.keyboard.press('Control+Enter');
    const message = await waitForSent(sent);
    expect(message.to).toEqual(['lea@exemple.fr', 'paul@exemple.fr']);
    expect(hrefs(message.html).some((href) => href.startsWith(`${collector.url}/c/`))).toBe(true);
  });
});
