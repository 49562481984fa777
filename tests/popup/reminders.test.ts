import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { signInThroughOptions } from '../support/options';
import { registerAs } from '../support/accounts';
import { expectCounts, loadPixel } from '../support/tracking';
import { axeChecker } from '../support/axe';

let collector: TestCollector;
let browser: ExtensionBrowser;
const { checkLightAndDark, report } = axeChecker();
let quiet = '';
let opened = '';
let recent = '';

/** The service worker's `chrome` (playwright runs these functions there). */
interface Chrome {
  notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
}
const shownIds = async () =>
  Object.keys(await browser.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll()))
    .filter((id) => id.endsWith(':not-opened'))
    .sort();

beforeAll(async () => {
  collector = await startTestCollector();
  browser = await launchWithExtension();
  await (await signInThroughOptions(browser.context, browser.extensionId, collector.url, collector.token)).close();
  // Three messages of the signed-in user: two sent four days ago (one of them opened since), one sent today.
  quiet = (await registerAs(collector, collector.token, { subject: 'Proposal nobody opened' })).id;
  const read = await registerAs(collector, collector.token, { subject: 'Proposal that was opened' });
  opened = read.id;
  recent = (await registerAs(collector, collector.token, { subject: 'Proposal sent today' })).id;
  await loadPixel(read.pixelUrl!);
  const sql = collector.collector.deps.sql;
  await sql`update messages set sent_at = sent_at - interval '4 days' where id in (${quiet}, ${opened})`;
});
afterAll(async () => {
  report('axe-core findings by view');
  await browser?.close();
  await collector?.stop();
});

describe('reminders: a tracked message not opened after N days', () => {
  it('is off by default; turned on in the options, it notifies each such message once', async () => {
    await expectCounts(collector, opened, { opens: 1, clicks: 0 }); // the open is counted before reminders look
    const options = await browser.openPage('options.html');
    const turnOn = options.getByRole('checkbox', { name: 'Tell me when a tracked message is not opened after' });
    await turnOn.waitFor();
    expect(await turnOn.isChecked()).toBe(false);
    const days = options.getByRole('spinbutton', { name: 'Days without an open' });
    expect(await days.isDisabled()).toBe(true);
    expect(await days.inputValue()).toBe('3');
    await checkLightAndDark('options: reminders off', options);
    expect(await shownIds()).toEqual([]);

    await turnOn.check();
    expect(await days.isEnabled()).toBe(true);
    await checkLightAndDark('options: reminders on', options);
    // Opened (the pixel loaded) and sent today: no reminder. Only the quiet one.
    await expect.poll(shownIds, { timeout: 10_000 }).toEqual([`beacon:${quiet}:not-opened`]);

    // Never twice: the notification gone, the setting changed and checked again, nothing new is shown.
    await browser.serviceWorker.evaluate((id) => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.clear(id), `beacon:${quiet}:not-opened`);
    await days.fill('2');
    await days.press('Tab');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await shownIds()).toEqual([]);
    await days.fill('99'); // out of bounds: kept within 1–30
    await days.press('Tab');
    expect(await days.inputValue()).toBe('30');
    await days.fill('3');
    await days.press('Tab');
    await options.close();
  });

  it("flags the message in the popup's list, by name, and not the others", async () => {
    const popup = await browser.openPage('popup.html', { width: 440, height: 700 });
    const row = (id: string) => popup.locator(`li.message[data-message-id="${id}"]`);
    await row(recent).waitFor();
    await expect.poll(() => row(quiet).getByText('Not opened after 3 days').count(), { timeout: 10_000 }).toBe(1);
    // The flag is part of the row's button, so a screen reader says it with the subject.
    expect(await row(quiet).getByRole('button').textContent()).toMatch(/Proposal nobody opened.*Not opened after 3 days/);
    expect(
      await row(opened)
        .getByText(/Not opened/)
        .count(),
    ).toBe(0);
    expect(
      await row(recent)
        .getByText(/Not opened/)
        .count(),
    ).toBe(0);
    await checkLightAndDark('popup: messages with a reminder flag', popup);
    await popup.close();
  });
});
