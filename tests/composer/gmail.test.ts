import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { fixture, hostScript, serveHost, waitForSent } from '../support/hosts';
import { signInThroughOptions } from '../support/options';
import { insertLink, setTracking } from '../support/composer-ui';
import { expectCounts, followLink, hrefs, loadPixel, messageId, pixelSrc } from '../support/tracking';

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

describe('Gmail (German UI)', () => {
  it('inserts each link type, honours Never, sends tracked HTML, and counts the click and the open', async () => {
    const sent = await serveHost(browser.context, 'https://mail.google.com/mail/u/0/', fixture('gmail/fixtures/compose-de.html'), [hostScript('gmail.js')]);
    const page = await browser.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/');
    const body = page.locator('[g_editable="true"]');
    await expect.poll(() => page.getByRole('switch', { name: 'Track opens' }).getAttribute('aria-checked'), { timeout: 10_000 }).toBe('true');
    expect(await page.getByRole('switch', { name: 'Track clicks' }).getAttribute('aria-checked')).toBe('true');

    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Mehr: ');
    await insertLink(page, 'External link', 'https://beispiel.de/produkt?email=', 'Produkt', '{{recipient.email}}');
    await insertLink(page, 'Unsubscription link');
    await insertLink(page, 'Mirror page link');
    // Undo is the host's own: the last insertion goes away and comes back.
    await page.keyboard.press('Control+z');
    expect(await body.innerHTML()).not.toContain('{{mirror_url}}');
    await page.keyboard.press('Control+Shift+z');
    expect(await body.innerHTML()).toContain('{{mirror_url}}');

    // Typing in Beacon's dialog never reaches Gmail's shortcuts ("c" would open a new message).
    await page.getByRole('button', { name: 'Insert link', exact: true }).click();
    await page.getByRole('dialog', { name: 'Insert link' }).getByLabel('Text').pressSequentially('cccc');
    await page.getByRole('dialog', { name: 'Insert link' }).getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('[g_editable="true"]').count()).toBe(1);
    const draft = await body.innerHTML();
    expect(draft).toMatch(/Mehr:(&nbsp;| )<a href="https:\/\/beispiel\.de\/produkt\?email=\{\{recipient\.email\}\}">Produkt<\/a>/);
    expect(draft).toContain('<a href="{{unsubscribe_url}}">Unsubscribe</a>');
    expect(draft).toContain('<a href="{{mirror_url}}">View this email in your browser</a>');

    await setTracking(page, 'https://beispiel.de/angebot?id=7&lang=de', 'never');

    await page.locator('.aoO').click();
    const message = await waitForSent(sent);
    const links = hrefs(message.html);
    expect(links).toContain('https://beispiel.de/angebot?id=7&lang=de');
    const tracked = links.filter((href) => href.startsWith(`${collector.url}/`));
    expect(tracked).toHaveLength(3); // the product link, unsubscribe and mirror
    expect(message.html).not.toContain('{{');
    const pixel = pixelSrc(message.html, collector.url);
    expect(pixel).toBeDefined();
    expect(message.to).toEqual(['jonas.weber@beispiel.de']);

    // The sender's own browser never loads the pixel, directly or through Gmail's image proxy.
    const proxyHits: string[] = [];
    await browser.context.route('https://ci3.googleusercontent.com/**', (route) => {
      proxyHits.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/gif', body: '' });
    });
    const blocked = await page.evaluate(
      async ([direct, proxied]) => {
        const viaFetch = await fetch(direct!).then(
          () => 'loaded',
          () => 'blocked',
        );
        const viaProxy = await new Promise((resolve) => {
          const img = new Image();
          img.onload = () => resolve('loaded');
          img.onerror = () => resolve('blocked');
          img.src = proxied!;
        });
        return [viaFetch, viaProxy];
      },
      [pixel!, `https://ci3.googleusercontent.com/meips/ADKq_NZabc=s0-d-e1-ft#${pixel}`],
    );
    expect(blocked).toEqual(['blocked', 'blocked']);
    expect(proxyHits).toEqual([]);

    const id = await messageId(collector, 'Angebot für Müller GmbH');
    const product = tracked[0]!;
    expect(await followLink(product)).toBe('https://beispiel.de/produkt?email=jonas.weber%40beispiel.de');
    await loadPixel(pixel!);
    const report = await expectCounts(collector, id, { opens: 1, clicks: 1 });
    expect(report.clicks.total).toBe(1);
    // One recipient opened (the click implies the open); the sender's compose window loaded nothing.
    expect(report.opens.unique).toBe(1);

    // Control for the shortcut check above: outside Beacon's dialog, "c" does open a new message.
    await page.mouse.click(5, 5);
    await page.keyboard.press('c');
    expect(await page.locator('[g_editable="true"]').count()).toBe(1);
  });

  it('tracks a message written in a pop-out window', async () => {
    const url = 'https://mail.google.com/mail/u/0/?view=cm&fs=1';
    const sent = await serveHost(browser.context, url, fixture('gmail/fixtures/popout.html'), [hostScript('gmail.js')]);
    const page = await browser.context.newPage();
    await page.goto(url);
    const body = page.locator('[g_editable="true"]');
    await body.click();
    await page.keyboard.press('Control+End');
    await insertLink(page, 'External link', 'https://example.com/pop', 'pop');
    await page.locator('.aoO').click();
    const message = await waitForSent(sent);
    expect(message.to).toEqual(['erin@example.com']);
    expect(hrefs(message.html).filter((href) => href.startsWith(`${collector.url}/c/`))).toHaveLength(1);
    expect(pixelSrc(message.html, collector.url)).toBeDefined();
  });
});
