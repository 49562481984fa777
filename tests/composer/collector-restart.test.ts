import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { freePort } from '../support/collector';
import { startCollectorProcess, type RestartableCollector } from '../support/collector-process';
import { insertLink } from '../support/composer-ui';
import { fixture, hostScript, serveHost, waitForSent, type SentMessage } from '../support/hosts';
import { signInThroughOptions } from '../support/options';
import { startHoldingProxy, type Hold, type HoldingProxy } from '../support/tcp-proxy';
import { expectCounts, followLink, hrefs, loadPixel, messageId, pixelSrc } from '../support/tracking';

// The extension reaches the collector process through a TCP proxy that can hold a request, so that the collector
// stops (SIGTERM, as a service manager restarts it) exactly while the extension's POST /api/messages is in flight.
const REGISTER = /^POST \/api\/messages /m;
const WITHDRAW = /^DELETE \/api\/messages\/by-key\//m;

let proxy: HoldingProxy;
let collector: RestartableCollector;
let browser: ExtensionBrowser;
let sent: SentMessage[];
let page: Page;
beforeAll(async () => {
  const port = await freePort();
  proxy = await startHoldingProxy(port);
  collector = await startCollectorProcess({ port, publicUrl: proxy.url });
  browser = await launchWithExtension();
  await signInThroughOptions(browser.context, browser.extensionId, proxy.url, collector.token);
  sent = await serveHost(browser.context, 'https://mail.google.com/mail/u/0/', fixture('gmail/fixtures/compose-en.html'), [hostScript('gmail.js')]);
  page = await browser.context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/');
});
let holds: Hold[] = [];
const holdRequests = (...args: Parameters<HoldingProxy['hold']>) => {
  const hold = proxy.hold(...args);
  holds.push(hold);
  return hold;
};
beforeEach(async () => {
  if (!collector.running()) await collector.start(); // after a failed test
});
afterEach(() => {
  for (const hold of holds) hold.release();
  holds = [];
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await proxy?.close();
});

/** A new Gmail composer to `to` with this subject and a body with one link, once Beacon's toolbar is on it. */
async function compose(to: string, subject: string) {
  await page.evaluate((address) => (window as unknown as { __openCompose(to: string): void }).__openCompose(address), to);
  const root = page.locator('.aoI').filter({ has: page.locator(`.afx input[name="to"][value="${to}"]`) });
  await root.getByRole('switch', { name: 'Track opens' }).waitFor({ timeout: 10_000 });
  await root.locator('input[name="subjectbox"]').fill(subject);
  const body = root.locator('[g_editable="true"]');
  await body.fill(`Hi, about ${subject}.`);
  await page.keyboard.press('Control+End');
  await insertLink(page, 'External link', 'https://acme.example/pricing', 'see pricing', undefined, root);
  return { root, body, send: root.locator('.aoO') };
}

async function subjects(): Promise<string[]> {
  return (await collector.api<{ items: { subject: string }[] }>('/api/messages?limit=100')).items.map((m) => m.subject).sort();
}

const choice = () => page.getByRole('alertdialog', { name: 'Beacon could not prepare tracking' });

/**
 * Clicks Send; the collector process stops (SIGTERM) while the registration is in flight, and the user is asked.
 * The proxy keeps the registration, and Chromium's own retry of it on another kept-alive connection, from reaching
 * the stopping collector; otherwise a retry can land on a connection the collector still drains (see the last test).
 */
async function sendWhileCollectorStops(send: () => Promise<void>) {
  const hold = holdRequests(REGISTER, 'whole');
  const resetsBefore = proxy.resets();
  await send();
  await hold.held;
  expect(await collector.terminate()).toBe(0);
  await choice().waitFor({ timeout: 8_000 });
  hold.release();
  // The connection was cut under the request, not timed out: the extension says the collector cannot be reached.
  expect(await choice().textContent()).toContain('Cannot reach the collector');
  expect(proxy.resets() - resetsBefore).toBeGreaterThanOrEqual(1);
}

describe('the collector restarted while the extension is sending', () => {
  it('lets the user cancel with the draft kept, then sends tracked once the collector is back, nothing lost', async () => {
    const subject = 'Pricing for Lena';
    const { body, send } = await compose('lena@example.com', subject);
    const draft = await body.innerHTML();
    const count = sent.length;

    await sendWhileCollectorStops(() => send.click());
    await choice().getByRole('button', { name: 'Cancel' }).click();
    await choice().waitFor({ state: 'detached' });
    // Nothing was sent (the host closes a composer once it sends) and the draft is exactly as written.
    expect(await body.innerHTML()).toBe(draft);
    expect(sent).toHaveLength(count);

    await collector.start();
    await send.click();
    const message = await waitForSent(sent, count + 1);
    expect(message.to).toEqual(['lena@example.com']);
    expect(message.subject).toBe(subject);
    const tracked = hrefs(message.html).filter((href) => href.startsWith(`${proxy.url}/c/`));
    expect(tracked).toHaveLength(1);
    expect(message.html).not.toContain('https://acme.example/pricing');
    const pixel = pixelSrc(message.html, proxy.url);
    expect(pixel).toBeDefined();

    // The collector has exactly the message the user sent tracked: the cut request left no orphan, the resend no duplicate.
    expect(await subjects()).toEqual([subject]);
    // And the restarted collector records what the recipient does.
    expect(await followLink(tracked[0]!)).toBe('https://acme.example/pricing');
    await loadPixel(pixel!);
    const report = await expectCounts(collector, await messageId(collector, subject), { opens: 1, clicks: 1 });
    expect(report.clicks.total).toBe(1);
    expect(report.opens.unique).toBe(1);
  });

  it('sends the original body on "Send without tracking", registering nothing, even with the collector back by then', async () => {
    const subject = 'Contract for Omar';
    const before = await subjects();
    const { body, send } = await compose('omar@example.com', subject);
    const draft = await body.innerHTML();
    const count = sent.length;

    await sendWhileCollectorStops(() => send.click());
    // A quick restart: the collector is up again before the user decides.
    await collector.start();
    await choice().getByRole('button', { name: 'Send without tracking' }).click();
    const message = await waitForSent(sent, count + 1);
    expect(message.to).toEqual(['omar@example.com']);
    expect(message.subject).toBe(subject);
    expect(message.html).toBe(draft);
    expect(hrefs(message.html)).toEqual(['https://acme.example/pricing']);
    expect(await subjects()).toEqual(before);
  });

  it('finishes a registration the collector already has in progress before it stops, and the message goes out tracked', async () => {
    const subject = 'Renewal for Priya';
    const before = await subjects();
    const { send } = await compose('priya@example.com', subject);
    const count = sent.length;

    // The collector has the whole request but its last byte when it is told to stop.
    const hold = holdRequests(REGISTER, 'last-byte');
    await send.click();
    await hold.held;
    const exited = collector.terminate();
    await expect.poll(() => collector.stderr(), { timeout: 2_000, interval: 20 }).toContain('SIGTERM: finishing requests');
    hold.release();
    expect(await exited).toBe(0);

    // No choice to make: the stopping collector answered, and the host sent the tracked body.
    const message = await waitForSent(sent, count + 1);
    expect(await choice().count()).toBe(0);
    expect(message.subject).toBe(subject);
    const tracked = hrefs(message.html).filter((href) => href.startsWith(`${proxy.url}/c/`));
    expect(tracked).toHaveLength(1);
    const pixel = pixelSrc(message.html, proxy.url);
    expect(pixel).toBeDefined();

    // After the restart the collector has it once, and records the recipient's open and click.
    await collector.start();
    expect(await subjects()).toEqual([...before, subject].sort());
    await loadPixel(pixel!);
    expect(await followLink(tracked[0]!)).toBe('https://acme.example/pricing');
    const report = await expectCounts(collector, await messageId(collector, subject), { opens: 1, clicks: 1 });
    expect(report.clicks.total).toBe(1);
  });

  it("registers the message once when the collector's answer is lost after it saved it and Chromium sends it again", async () => {
    const subject = 'Quote for Mei';
    const before = await subjects();
    const { send } = await compose('mei@example.com', subject);
    const count = sent.length;
    const resetsBefore = proxy.resets();

    // The first attempt's answer is cut after the commit; Chromium resends the POST on another connection.
    const lost = holdRequests(REGISTER, 'answer', 1);
    await send.click();
    const message = await waitForSent(sent, count + 1);
    expect(await choice().count()).toBe(0);
    expect(lost.count()).toBe(2);
    expect(proxy.resets() - resetsBefore).toBe(1);

    // One message, and it is the one that went out: its pixel and link count for it.
    expect(await subjects()).toEqual([...before, subject].sort());
    const tracked = hrefs(message.html).filter((href) => href.startsWith(`${proxy.url}/c/`));
    expect(tracked).toHaveLength(1);
    await loadPixel(pixelSrc(message.html, proxy.url)!);
    expect(await followLink(tracked[0]!)).toBe('https://acme.example/pricing');
    await expectCounts(collector, await messageId(collector, subject), { opens: 1, clicks: 1 });
  });

  it('withdraws a registration the collector saved without answering once the user cancels, when it is reachable again', async () => {
    const subject = 'Terms for Ines';
    const before = await subjects();
    const { body, send } = await compose('ines@example.com', subject);
    const draft = await body.innerHTML();
    const count = sent.length;

    // Every attempt is saved and its answer lost (Chromium's resend too); the withdrawal is held, then the collector stops.
    holdRequests(REGISTER, 'answer');
    const withdrawal = holdRequests(WITHDRAW, 'whole');
    await send.click();
    await choice().waitFor({ timeout: 8_000 });
    expect(await choice().textContent()).toContain('Cannot reach the collector');
    expect(await subjects()).toEqual([...before, subject].sort());
    await withdrawal.held;
    expect(await collector.terminate()).toBe(0);
    for (const hold of holds) hold.release();

    await choice().getByRole('button', { name: 'Cancel' }).click();
    await choice().waitFor({ state: 'detached' });
    expect(await body.innerHTML()).toBe(draft);
    expect(sent).toHaveLength(count);

    // The background retries the withdrawal until the restarted collector takes it: no orphan is left.
    await collector.start();
    await expect.poll(subjects, { timeout: 40_000, interval: 250 }).toEqual(before);
  });
});
