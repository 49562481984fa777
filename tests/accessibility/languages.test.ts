import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { fixture, hostScript, serveHost } from '../support/hosts';
import { registerAs } from '../support/accounts';
import { expectCounts, followLink, loadPixel } from '../support/tracking';
import { EDITOR_PAGES } from '../support/editor-pages';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** What each language must show: a few strings from each surface, and its own way of writing dates. */
const EXPECTED = {
  es: {
    signedIn: 'Sesión iniciada como',
    signOut: 'Cerrar sesión',
    oneOpen: '1 apertura',
    tabGlobal: 'Global',
    figureOpens: 'Aperturas',
    sinceSent: 'Desde el envío',
    date: /\d{1,2} [a-z]{3,4}\.? \d{4}, \d{1,2}:\d{2}/,
    insertLink: 'Insertar enlace',
    trackOpens: 'Seguir aperturas',
    links: 'Enlaces',
    dialogTitle: 'Insertar enlace',
    privacyTitle: 'Política de privacidad de Beacon',
    applyTracking: 'Aplicar seguimiento',
    audience: 'Tamaño de la audiencia (opcional)',
    applied: 'Seguimiento aplicado · 2 enlaces',
  },
  de: {
    signedIn: 'Angemeldet als',
    signOut: 'Abmelden',
    oneOpen: '1 Öffnung',
    tabGlobal: 'Gesamt',
    figureOpens: 'Öffnungen',
    sinceSent: 'Seit dem Versand',
    date: /\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/,
    insertLink: 'Link einfügen',
    trackOpens: 'Öffnungen erfassen',
    links: 'Links',
    dialogTitle: 'Link einfügen',
    privacyTitle: 'Datenschutzerklärung von Beacon',
    applyTracking: 'Tracking anwenden',
    audience: 'Größe der Zielgruppe (optional)',
    applied: 'Tracking angewendet · 2 Links',
  },
} as const;

let collector: TestCollector;
beforeAll(async () => {
  collector = await startTestCollector();
});
afterAll(async () => {
  await collector?.stop();
});

describe.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])('in the browser language %s', (locale) => {
  const want = EXPECTED[locale];
  let browser: ExtensionBrowser;
  let messageId = '';
  const shot = (page: Page, view: string) => page.screenshot({ path: `${ARTIFACTS}/${locale}-${view}.png`, fullPage: true });
  const open = async (path: string, width: number) => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 720 });
    await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
    return page;
  };

  beforeAll(async () => {
    browser = await launchWithExtension({ locale, localHosts: true });
    const message = await registerAs(collector, collector.token, {
      subject: `Propuesta / Angebot (${locale})`,
      recipients: [{ email: 'pat@example.com', name: 'Pat' }],
    });
    messageId = message.id;
    await loadPixel(message.pixelUrl!);
    await followLink(message.links.find((l) => l.trackedUrl)!.trackedUrl!);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('options: the form and the account card speak it', async () => {
    const options = await open('options.html', 1000);
    expect(await options.evaluate(() => document.documentElement.lang)).toBe(locale);
    // Fields by name: their labels are what is being checked.
    await options.locator('input[name="collector-url"]').fill('beacon.acme.example');
    await options.locator('button[type="submit"]').first().click();
    expect(await options.getByRole('alert').textContent()).toContain('https://beacon.acme.example');
    await shot(options, 'options-error');
    await options.locator('input[name="collector-url"]').fill(collector.url);
    await options.locator('input[name="api-token"]').fill(collector.token);
    await options.locator('button[type="submit"]').first().click();
    const card = options.getByTestId('signed-in');
    await card.waitFor();
    expect(await card.textContent()).toContain(want.signedIn);
    expect(await options.getByRole('button', { name: want.signOut }).count()).toBe(1);
    await shot(options, 'options');
    await options.close();
  });

  it('popup: the list, and a report with its dates and numbers written its way', async () => {
    await expectCounts(collector, messageId, { opens: 1, clicks: 1 });
    const popup = await open('popup.html', 440);
    const row = popup.locator(`li[data-message-id="${messageId}"]`);
    await expect.poll(() => row.locator('[data-testid="opens"]').textContent()).toBe('1');
    expect(await row.textContent()).toContain(want.oneOpen);
    await shot(popup, 'popup-messages');
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html#/message/${messageId}/global`);
    await popup.locator('.report[data-scope="global"] .chart[data-drawn="true"]').waitFor();
    expect(await popup.getByRole('tab', { selected: true }).textContent()).toContain(want.tabGlobal);
    expect(await popup.locator('[data-figure="opens"] dt').textContent()).toBe(want.figureOpens);
    expect(await popup.locator('.report h3').first().textContent()).toBe(want.sinceSent);
    expect(await popup.locator('.activity time').first().textContent()).toMatch(want.date);
    await shot(popup, 'popup-global');
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html#/message/${messageId}/live`);
    await popup.locator('.report[data-scope="live"] .chart[data-drawn="true"]').waitFor();
    await shot(popup, 'popup-live');
    await popup.close();
    const privacy = await open('privacy.html', 900);
    expect(await privacy.locator('h1').textContent()).toBe(want.privacyTitle);
    await shot(privacy, 'privacy');
    await privacy.close();
  });

  it('composer: the toolbar, the Insert link dialog and the Links panel', async () => {
    const url = 'https://mail.google.com/mail/u/0/';
    await serveHost(browser.context, url, fixture('gmail/fixtures/compose-de.html'), [hostScript('gmail.js')]);
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.getByRole('switch', { name: want.trackOpens }).waitFor();
    await page.getByRole('button', { name: want.insertLink, exact: true }).click();
    await page.getByRole('dialog', { name: want.dialogTitle }).waitFor();
    await shot(page, 'composer-insert-link');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: want.links, exact: true }).click();
    await page.locator('beacon-overlay').getByRole('dialog').waitFor();
    // Longer words ("Con seguimiento") shorten the URL, not push the row's buttons out of the panel.
    expect(await page.locator('beacon-overlay .side').evaluate((side) => side.scrollWidth - side.clientWidth)).toBe(0);
    await shot(page, 'composer-links');
    await page.close();
  });

  it('ESP composer: Apply tracking, its dialog, and the toolbar once applied', async () => {
    const esp = 'http://localhost:47101';
    const options = await open('options.html', 1000);
    const enabled = await options.evaluate((origin) => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
      return chrome.runtime.sendMessage({ beacon: 'addEspSite', input: { origin } });
    }, esp);
    expect(enabled).toMatchObject({ ok: true });
    await options.close();
    const editor = EDITOR_PAGES.contenteditable!;
    await serveHost(browser.context, `${esp}/campaigns/${locale}`, editor.body, await editor.scripts(), editor.head);
    const page = await browser.context.newPage();
    await page.goto(`${esp}/campaigns/${locale}`);
    await page.getByRole('button', { name: want.applyTracking, exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: want.applyTracking });
    await dialog.getByLabel(want.audience).fill('250');
    await shot(page, 'esp-apply');
    await dialog.getByRole('button', { name: want.applyTracking }).click();
    await page.getByText(want.applied).waitFor();
    await page.getByRole('button', { name: want.links, exact: true }).click();
    await page.locator('beacon-toolbar').getByRole('dialog').waitFor();
    await shot(page, 'esp-applied');
    await page.close();
  });
});
