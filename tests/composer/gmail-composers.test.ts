import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { fixture, hostScript, serveHost, waitForSent, type SentMessage } from '../support/hosts';
import { signInThroughOptions } from '../support/options';
import { HUMAN_UA, followLink, hrefs } from '../support/tracking';
import { insertLink } from '../support/composer-ui';

let collector: TestCollector;
let browser: ExtensionBrowser;
let sent: SentMessage[];
let page: Page;
beforeAll(async () => {
  collector = await startTestCollector();
  browser = await launchWithExtension();
  await signInThroughOptions(browser.context, browser.extensionId, collector.url, collector.token);
  sent = await serveHost(browser.context, 'https://mail.google.com/mail/u/0/', fixture('gmail/fixtures/compose-en.html'), [hostScript('gmail.js')]);
  page = await browser.context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/');
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

/** The composer (compose root) whose subject field has this value. */
function composer(subject: string): Locator {
  return page.locator('.aoI').filter({ has: page.locator(`input[name="subjectbox"][value="${subject}"]`) });
}
async function messageCount(): Promise<number> {
  return (await collector.api<{ items: unknown[] }>('/api/messages?limit=100')).items.length;
}

describe('Gmail with several composers open', () => {
  it('gives each composer its own toolbar and sends only the one asked, from the keyboard shortcut', async () => {
    await page.evaluate(() => (window as unknown as { __openCompose(to: string): void }).__openCompose('zoe@example.com'));
    await expect.poll(() => page.getByRole('switch', { name: 'Track opens' }).count(), { timeout: 10_000 }).toBe(3);
    const reply = composer('Re: Quarterly numbers');
    const replyBody = reply.locator('[g_editable="true"]');
    const dialogBefore = await composer('Launch plan').locator('[g_editable="true"]').innerHTML();
    await replyBody.click();
    await page.keyboard.press('Control+End');
    await insertLink(page, 'Unsubscription link', undefined, undefined, undefined, reply);
    await replyBody.click();
    await page.keyboard.press('Control+Enter');
    const message = await waitForSent(sent, 1);
    expect(message.to).toEqual(['carol@example.org']);
    expect(hrefs(message.html).filter((href) => href.startsWith(`${collector.url}/c/`))).toHaveLength(2);
    expect(message.html).toContain(`src="${collector.url}/o/`);
    expect(await composer('Launch plan').locator('[g_editable="true"]').innerHTML()).toBe(dialogBefore);
  });

  it('says opens cannot be told apart with several recipients, and warns before sending {{recipient.*}}', async () => {
    const launch = composer('Launch plan');
    await expect.poll(() => launch.getByText("opens can't be told apart").count(), { timeout: 10_000 }).toBe(1);
    await launch.locator('.aoO').click();
    const warning = page.getByRole('alertdialog', { name: 'Personalization needs one recipient' });
    await warning.waitFor();
    await warning.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForTimeout(300);
    expect(sent).toHaveLength(1);
    await launch.locator('.aoO').click();
    await warning.getByRole('button', { name: 'Send anyway' }).click();
    const message = await waitForSent(sent, 2);
    expect(message.to).toEqual(['ann@example.com', 'bob@example.net', 'dave@example.com']);
    expect(message.html).toContain(`${collector.url}/c/`);
  });

  it('sends untouched and registers nothing with both switches off, sending with Enter on the button', async () => {
    const before = await messageCount();
    const third = page
      .locator('.aoI')
      .filter({ has: page.locator('.afx input[name="to"]') })
      .last();
    await third.locator('[g_editable="true"]').fill('Plain note, see https://example.com/x');
    await third.getByRole('switch', { name: 'Track opens' }).click();
    await third.getByRole('switch', { name: 'Track clicks' }).click();
    const html = await third.locator('[g_editable="true"]').innerHTML();
    await third.locator('.aoO').focus();
    await page.keyboard.press('Enter');
    const message = await waitForSent(sent, 3);
    expect(message.html).toBe(html);
    expect(await messageCount()).toBe(before);
  });

  it('warns about a recipient on the suppression list before sending', async () => {
    // Carol follows the unsubscribe link, then confirms: the one-click POST her mail client would make (RFC 8058).
    const optout = hrefs(sent[0]!.html).filter((href) => href.startsWith(`${collector.url}/c/`))[1]!;
    const unsubscribePage = await followLink(optout);
    expect(unsubscribePage).toContain('/u/');
    const response = await fetch(unsubscribePage!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': HUMAN_UA },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBeLessThan(400);
    await expect
      .poll(async () => (await collector.api<{ suppressed: boolean }>('/api/suppressions?email=carol%40example.org')).suppressed, { timeout: 10_000 })
      .toBe(true);
    await page.evaluate(() => (window as unknown as { __openCompose(to: string): void }).__openCompose('carol@example.org'));
    const warning = page.getByRole('alert').filter({ hasText: 'carol@example.org' });
    await expect.poll(() => warning.count(), { timeout: 10_000 }).toBe(1);
    // And once more at send, where the user chooses.
    const fresh = page.locator('.aoI').filter({ has: page.locator('.afx input[name="to"][value="carol@example.org"]') });
    await fresh.locator('.aoO').click();
    const ask = page.getByRole('alertdialog', { name: 'Recipient unsubscribed' });
    await ask.waitFor();
    const count = sent.length;
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForTimeout(200);
    expect(sent).toHaveLength(count);
    await fresh.evaluate((el) => el.closest('[role="dialog"]')?.remove()); // the user discards that draft
  });

  it('offers "Send without tracking" or "Cancel" when the collector is down, and never loses the draft', async () => {
    await collector.collector.stop();
    await page.evaluate(() => (window as unknown as { __openCompose(to: string): void }).__openCompose('yan@example.com'));
    const fresh = page
      .locator('.aoI')
      .filter({ has: page.locator('.afx input[name="to"]') })
      .last();
    const body = fresh.locator('[g_editable="true"]');
    await body.fill('Draft that must survive');
    const draft = await body.innerHTML();
    await fresh.locator('.aoO').click();
    const choice = page.getByRole('alertdialog', { name: 'Beacon could not prepare tracking' });
    await choice.waitFor({ timeout: 5_000 });
    await choice.getByRole('button', { name: 'Cancel' }).click();
    expect(await body.innerHTML()).toBe(draft);
    const count = sent.length;
    await fresh.locator('.aoO').click();
    await choice.getByRole('button', { name: 'Send without tracking' }).click();
    const message = await waitForSent(sent, count + 1);
    expect(message.html).toBe(draft);
  });

  it('gives up on a collector that accepts but never answers after 3 s, and lets the user choose', async () => {
    // Something still listens on the collector's address but never answers (a hung server).
    const hung = createServer(() => {});
    await new Promise<void>((resolve) => hung.listen(Number(new URL(collector.url).port), '127.0.0.1', resolve));
    try {
      await page.evaluate(() => (window as unknown as { __openCompose(to: string): void }).__openCompose('slow@example.com'));
      const fresh = page.locator('.aoI').filter({ has: page.locator('.afx input[name="to"][value="slow@example.com"]') });
      await fresh.locator('[g_editable="true"]').fill('Waiting on a slow collector');
      const draft = await fresh.locator('[g_editable="true"]').innerHTML();
      const started = Date.now();
      await fresh.locator('.aoO').click();
      const choice = page.getByRole('alertdialog', { name: 'Beacon could not prepare tracking' });
      await choice.waitFor({ timeout: 8_000 });
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThan(2_500);
      expect(waited).toBeLessThan(6_000);
      expect(await choice.textContent()).toContain('did not answer in time');
      const count = sent.length;
      await choice.getByRole('button', { name: 'Send without tracking' }).click();
      const message = await waitForSent(sent, count + 1);
      expect(message.html).toBe(draft);
    } finally {
      hung.closeAllConnections?.();
      await new Promise((resolve) => hung.close(resolve));
    }
  });
});
