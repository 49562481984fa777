import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { signInThroughOptions } from '../support/options';
import { expectCounts, followLink, loadPixel } from '../support/tracking';
import { registerAs, userToken } from '../support/accounts';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let collector: TestCollector;
let browser: ExtensionBrowser;
const tokens: Record<'ann' | 'bob' | 'mia', string> = { ann: '', bob: '', mia: '' };
const hits: { id: string; opens: number; clicks: number }[] = [];

beforeAll(async () => {
  collector = await startTestCollector();
  browser = await launchWithExtension();
  tokens.ann = await userToken(collector, 'ann@acme.example', 'rep');
  tokens.bob = await userToken(collector, 'bob@acme.example', 'rep');
  tokens.mia = await userToken(collector, 'mia@acme.example', 'manager');
  // Messages registered through the API as each rep (the composer flow is covered in live-report.test.ts).
  for (const [who, subjects] of [
    ['ann', ['Ann: renewal', 'Ann: pricing follow-up']],
    ['bob', ['Bob: intro call']],
  ] as const) {
    for (const subject of subjects) {
      const message = await registerAs(collector, tokens[who], { subject, recipients: [{ email: `${who}.buyer@example.com`, name: `Buyer of ${who}` }] });
      await loadPixel(message.pixelUrl!);
      const link = message.links.find((l) => l.trackedUrl)!;
      if (who === 'ann') await followLink(link.trackedUrl!);
      hits.push({ id: message.id, opens: 1, clicks: who === 'ann' ? 1 : 0 });
    }
  }
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

async function openPopup(hash = ''): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 440, height: 600 });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html${hash}`);
  return page;
}
const subjects = (page: Page) => page.locator('li.message .subject').allTextContents();

describe('who sees what', () => {
  it("shows a manager both reps' messages, with the sender, and a table per rep", async () => {
    // Hits are acknowledged once spooled and counted once the writer has them: the popup is to open on them.
    for (const h of hits) await expectCounts(collector, h.id, h);
    const options = await signInThroughOptions(browser.context, browser.extensionId, collector.url, tokens.mia);
    expect(await options.getByTestId('signed-in').textContent()).toMatch(/mia@acme\.example.*Manager.*Acme Sales/s);
    await options.close();
    const popup = await openPopup();
    await popup.locator('li.message').first().waitFor();
    // Sent within the same second, so their order among themselves is not fixed.
    expect((await subjects(popup)).sort()).toEqual(['Ann: pricing follow-up', 'Ann: renewal', 'Bob: intro call']);
    const bobRow = popup.locator('li.message').filter({ hasText: 'Bob: intro call' });
    expect(await bobRow.locator('.to').textContent()).toBe('To Buyer of bob · from bob@acme.example');
    await popup.screenshot({ path: `${ARTIFACTS}/popup-manager-messages.png` });

    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html#/overview/global`);
    await popup.locator('.report[data-scope="global"]').waitFor();
    expect(await popup.locator('h2').first().textContent()).toBe('Your workspace');
    await expect.poll(() => popup.locator('table.team tbody tr').count()).toBeGreaterThanOrEqual(2);
    const cells = async (email: string) => popup.locator(`tr[data-user="${email}"] td`).allTextContents();
    expect(await cells('ann@acme.example')).toEqual(['ann@acme.example', '2', '2', '2', '100%', '100%']);
    expect(await cells('bob@acme.example')).toEqual(['bob@acme.example', '1', '1', '0', '100%', '0%']);
    await popup.screenshot({ path: `${ARTIFACTS}/popup-manager-overview.png`, fullPage: true });
    await popup.close();
  });

  it('shows a rep only their own messages', async () => {
    await (await signInThroughOptions(browser.context, browser.extensionId, collector.url, tokens.bob)).close();
    const popup = await openPopup();
    await popup.locator('li.message').first().waitFor();
    expect(await subjects(popup)).toEqual(['Bob: intro call']);
    expect(await popup.locator('li.message .to').first().textContent()).toBe('To Buyer of bob');
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html#/overview/global`);
    await popup.locator('.report[data-scope="global"]').waitFor();
    expect(await popup.locator('table.team').count()).toBe(0);
    expect(await popup.locator('[data-figure="sent"] .value').textContent()).toBe('1');
    await popup.close();
  });

  it('finds messages by the search box', async () => {
    await (await signInThroughOptions(browser.context, browser.extensionId, collector.url, tokens.mia)).close();
    const popup = await openPopup();
    await popup.locator('li.message').first().waitFor();
    await popup.getByRole('searchbox', { name: 'Search messages' }).fill('renewal');
    await expect.poll(() => subjects(popup)).toEqual(['Ann: renewal']);
    await popup.getByRole('searchbox', { name: 'Search messages' }).fill('nothing like this');
    await popup.getByText('No messages match').waitFor();
    await popup.screenshot({ path: `${ARTIFACTS}/popup-search-empty.png` });
    await popup.close();
  });

  it('says when this computer is offline, and recovers by itself when it is back', async () => {
    await browser.context.setOffline(true);
    const popup = await openPopup();
    await expect.poll(() => popup.getByTestId('stream-status').textContent()).toBe('Offline');
    await popup.getByRole('alert').filter({ hasText: 'You are offline' }).waitFor();
    await popup.screenshot({ path: `${ARTIFACTS}/popup-offline.png` });
    await browser.context.setOffline(false);
    await expect.poll(() => popup.getByTestId('stream-status').textContent(), { timeout: 10_000 }).toBe('Live');
    await popup.locator('li.message').first().waitFor();
    await popup.close();
  });

  it('explains the not-signed-in state and leads to the options', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('button', { name: 'Sign out' }).click();
    await options.getByTestId('signed-in').waitFor({ state: 'detached' });
    await options.close(); // an open options tab would be focused instead of a new one opened
    const popup = await openPopup();
    await popup.getByRole('heading', { name: 'Sign in to see your reports' }).waitFor();
    await popup.screenshot({ path: `${ARTIFACTS}/popup-not-signed-in.png` });
    const opened = browser.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Open options' }).click();
    expect((await opened).url()).toContain('/options.html');
  });
});
