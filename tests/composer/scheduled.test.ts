import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { fixture, hostScript, serveHost, waitForSent, type SentMessage } from '../support/hosts';
import { signInThroughOptions } from '../support/options';
import { hrefs, messageId } from '../support/tracking';

let collector: TestCollector;
let browser: ExtensionBrowser;
beforeAll(async () => {
  collector = await startTestCollector();
  browser = await launchWithExtension();
  await (await signInThroughOptions(browser.context, browser.extensionId, collector.url, collector.token)).close();
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

/** A host page in a language: the page says it, as Gmail's and Outlook's do in <html lang>. */
async function open(url: string, fixtures: string[], script: string, lang: string): Promise<{ page: Page; sent: SentMessage[] }> {
  const sent = await serveHost(browser.context, url, fixtures.map(fixture).join(''), [`document.documentElement.lang = '${lang}';`, hostScript(script)]);
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.getByRole('switch', { name: 'Track clicks' }).first().waitFor();
  return { page, sent };
}

interface Detail {
  id: string;
  sentAt: string;
}
const detail = (id: string) => collector.api<Detail>(`/api/messages/${id}`);
const withdrawn = (id: string) =>
  expect
    .poll(() => fetch(`${collector.url}/api/messages/${id}`, { headers: { authorization: `Bearer ${collector.token}` } }).then((r) => r.status), {
      timeout: 10_000,
    })
    .toBe(404);

/** The host sent the tracked body, and the collector holds the message with the host's own scheduled time as its sent time. */
async function expectTrackedAt(message: SentMessage, subject: string): Promise<string> {
  expect(message.scheduledFor).toBeGreaterThan(Date.now());
  expect(hrefs(message.html).filter((href) => href.startsWith(`${collector.url}/c/`)).length).toBeGreaterThan(0);
  expect(message.html).toContain(`${collector.url}/o/`);
  const id = await messageId(collector, subject);
  expect((await detail(id)).sentAt).toBe(new Date(message.scheduledFor!).toISOString());
  const list = await collector.api<{ items: Detail[] }>(`/api/messages?q=${encodeURIComponent(subject)}`);
  expect(list.items.find((m) => m.id === id)?.sentAt).toBe(new Date(message.scheduledFor!).toISOString());
  // The popup's report says when it goes.
  const report = await browser.openPage(`popup.html#/message/${id}`);
  const when = report.locator('.meta time');
  await when.waitFor();
  expect(await when.getAttribute('datetime')).toBe(new Date(message.scheduledFor!).toISOString());
  expect(await when.textContent()).toMatch(/^scheduled for /);
  await report.close();
  return id;
}

describe('Gmail: Schedule send', () => {
  it('tracks a reply scheduled for tomorrow morning, sent at that time; Cancel send on the scheduled message withdraws it', async () => {
    const { page, sent } = await open(
      'https://mail.google.com/mail/u/0/#inbox/FMfcg',
      ['gmail/fixtures/compose-en.html', 'gmail/fixtures/schedule-en.html'],
      'gmail.js',
      'en',
    );
    await page.locator('.hG').first().click(); // the reply's arrow beside Send
    await page.getByRole('menuitem', { name: 'Schedule send' }).click();
    await page.getByRole('menuitem', { name: /Tomorrow morning/ }).click();
    const message = await waitForSent(sent);
    expect(message.to).toEqual(['carol@example.org']);
    const id = await expectTrackedAt(message, 'Re: Quarterly numbers');

    // Opened from the Scheduled folder, the message is cancelled: it was never sent.
    await page.evaluate((html) => (window as unknown as { __openScheduled(html: string): void }).__openScheduled(html), message.html);
    await page.getByRole('button', { name: 'Cancel send' }).click();
    await withdrawn(id);
  });

  it('tracks a message scheduled with Pick date & time in German; Undo in the toast withdraws it', async () => {
    const { page, sent } = await open(
      'https://mail.google.com/mail/u/0/?compose=new',
      ['gmail/fixtures/compose-de.html', 'gmail/fixtures/schedule-de.html'],
      'gmail.js',
      'de',
    );
    await page.getByRole('button', { name: 'Weitere Sendeoptionen' }).click();
    await page.getByRole('menuitem', { name: 'Senden planen' }).click();
    await page.getByRole('menuitem', { name: 'Datum & Uhrzeit auswählen' }).click();
    await page.getByRole('dialog', { name: 'Datum & Uhrzeit auswählen' }).getByRole('button', { name: 'Senden planen' }).click();
    const message = await waitForSent(sent);
    const id = await expectTrackedAt(message, 'Angebot für Müller GmbH');
    await page.getByRole('link', { name: 'Rückgängig machen' }).click();
    await withdrawn(id);

    // Undo reopens the message as sent: its links are the sender's again, so scheduling it again tracks it anew.
    const body = page.locator('[g_editable="true"]');
    await expect.poll(() => body.innerHTML(), { timeout: 10_000 }).not.toContain(`${collector.url}/`);
    expect(await body.innerHTML()).toContain('href="https://beispiel.de/angebot?id=7&amp;lang=de"');
    await page.getByRole('button', { name: 'Weitere Sendeoptionen' }).click();
    await page.getByRole('menuitem', { name: 'Senden planen' }).click();
    await page.getByRole('menuitem', { name: /Morgen Vormittag/ }).click();
    const again = await waitForSent(sent, 2);
    const pixels = new Set(again.html.match(/\/o\/[\w-]+\.gif/g));
    expect(pixels.size).toBe(1); // one pixel, the new one (the background form names it twice)
    expect(message.html).not.toContain([...pixels][0]);
    const second = await expectTrackedAt(again, 'Angebot für Müller GmbH');
    expect(second).not.toBe(id);
  });
});

describe('Outlook on the web: Send later', () => {
  it('tracks a reply scheduled for tomorrow morning; Cancel send in its info bar withdraws it', async () => {
    const { page, sent } = await open(
      'https://outlook.office.com/mail/inbox/id/AAQk',
      ['outlook/fixtures/reading-pane.html', 'outlook/fixtures/schedule-en.html'],
      'outlook.js',
      'en-US',
    );
    await page.getByRole('button', { name: 'More send options' }).click();
    await page.getByRole('menuitem', { name: 'Schedule send' }).click();
    await page.getByRole('menuitem', { name: /Tomorrow morning/ }).click();
    const message = await waitForSent(sent);
    expect(message.to).toEqual(['frank@example.com']);
    const id = await expectTrackedAt(message, 'RE: Follow-up');
    await page.evaluate((html) => (window as unknown as { __openScheduled(html: string): void }).__openScheduled(html), message.html);
    await page.getByRole('button', { name: 'Cancel send' }).click();
    await withdrawn(id);
  });

  it('tracks a French message sent at a custom time', async () => {
    const { page, sent } = await open(
      'https://outlook.live.com/mail/0/deeplink/compose',
      ['outlook/fixtures/popout-fr.html', 'outlook/fixtures/schedule-fr.html'],
      'outlook.js',
      'fr',
    );
    await page.getByRole('button', { name: 'Autres options d’envoi' }).click();
    await page.getByRole('menuitem', { name: 'Planifier l’envoi' }).click();
    await page.getByRole('menuitem', { name: 'Heure personnalisée' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Envoyer' }).click();
    const message = await waitForSent(sent);
    expect(message.to).toEqual(['lea@exemple.fr', 'paul@exemple.fr']);
    await expectTrackedAt(message, 'Proposition');
  });
});
