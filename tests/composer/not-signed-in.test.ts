import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { fixture, hostScript, serveHost, waitForSent } from '../support/hosts';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(() => browser?.close());

it('says "not signed in" in each Gmail composer and lets the send go out untouched', async () => {
  const sent = await serveHost(browser.context, 'https://mail.google.com/mail/u/0/', fixture('gmail/fixtures/compose-en.html'), [hostScript('gmail.js')]);
  const page = await browser.context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/');
  await expect.poll(() => page.getByText('Beacon: not signed in').count(), { timeout: 10_000 }).toBe(2);
  await expect(page.getByRole('button', { name: 'Insert link', exact: true }).count()).resolves.toBe(0);
  const dialog = page.locator('[role="dialog"]').filter({ has: page.locator('[g_editable="true"]') });
  const before = await dialog.locator('[g_editable="true"]').innerHTML();
  await dialog.locator('.aoO').click();
  const message = await waitForSent(sent);
  expect(message.html).toBe(before);
  expect(message.to).toEqual(['ann@example.com', 'bob@example.net', 'dave@example.com']);
});
