import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { fixture, hostScript, serveHost, waitForSent, type SentMessage } from '../support/hosts';
import { signInThroughOptions } from '../support/options';
import { codeMirrorBundle } from '../support/bundle';
import { insertLink, setTracking } from '../support/composer-ui';
import { expectCounts, followLink, hrefs, loadPixel, messageId, pixelSrc } from '../support/tracking';

/** An ESP the user enabled in the options (its host permission is granted: a local ESP). */
const ESP = 'http://localhost:47101';

let collector: TestCollector;
let browser: ExtensionBrowser;
beforeAll(async () => {
  collector = await startTestCollector();
  browser = await launchWithExtension({ localHosts: true });
  const options = await signInThroughOptions(browser.context, browser.extensionId, collector.url, collector.token);
  // What the options page's ESP list does once the user granted the site (issue 5 builds that list).
  const enabled = await options.evaluate((origin) => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
    return chrome.runtime.sendMessage({ beacon: 'addEspSite', input: { origin } });
  }, ESP);
  expect(enabled).toMatchObject({ ok: true });
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

async function openEsp(path: string, fixturePath: string, scripts: string[]): Promise<{ page: Page; sent: SentMessage[] }> {
  const sent = await serveHost(browser.context, `${ESP}${path}`, fixture(fixturePath), scripts);
  const page = await browser.context.newPage();
  await page.goto(`${ESP}${path}`);
  await page.getByRole('switch', { name: 'Track clicks' }).waitFor();
  return { page, sent };
}

async function send(sent: SentMessage[], button: Locator): Promise<SentMessage> {
  await button.click();
  return waitForSent(sent);
}

function trackedLinks(html: string): string[] {
  return hrefs(html).filter((href) => href.startsWith(`${collector.url}/`));
}

describe('ESP editors on an enabled site', () => {
  it('contenteditable editor: the ESP saves what Beacon changed (through input events), and the click and open count', async () => {
    const { page, sent } = await openEsp('/campaigns/1', 'esp/fixtures/contenteditable.html', [hostScript('esp-contenteditable.js')]);
    await page.locator('[contenteditable="true"] p').last().click();
    await page.keyboard.press('End');
    await insertLink(page, 'External link', 'https://shop.example.com/new?who=', 'New arrivals', '{{recipient.email}}');
    await insertLink(page, 'Unsubscription link');
    await setTracking(page, 'https://shop.example.com/sale', 'never');
    const message = await send(sent, page.getByRole('button', { name: 'Send campaign' }));
    expect(hrefs(message.html)).toContain('https://shop.example.com/sale');
    const tracked = trackedLinks(message.html);
    expect(tracked).toHaveLength(2);
    const pixel = pixelSrc(message.html, collector.url);
    expect(pixel).toBeDefined();
    const id = await messageId(collector, 'Spring sale');
    expect(await followLink(tracked[0]!)).toBe('https://shop.example.com/new?who=gina%40example.com');
    await loadPixel(pixel!);
    await expectCounts(collector, id, { opens: 1, clicks: 1 });
  });

  it('HTML source textarea: inserts markup at the caret and the ESP posts the tracked source', async () => {
    const { page, sent } = await openEsp('/campaigns/3', 'esp/fixtures/textarea-source.html', [hostScript('esp-textarea.js')]);
    const textarea = page.locator('textarea');
    await textarea.click();
    await textarea.evaluate((el: HTMLTextAreaElement) => {
      const at = el.value.indexOf('</body>');
      el.setSelectionRange(at, at);
    });
    await insertLink(page, 'External link', 'https://example.com/docs', 'Docs');
    expect(await textarea.inputValue()).toContain('<a href="https://example.com/docs">Docs</a></body>');
    await page.keyboard.press('Control+z'); // the browser's own undo for the textarea
    expect(await textarea.inputValue()).not.toContain('example.com/docs');
    await page.keyboard.press('Control+Shift+z');
    expect(await textarea.inputValue()).toContain('<a href="https://example.com/docs">Docs</a></body>');
    await setTracking(page, 'https://example.com/code', 'never');
    const message = await send(sent, page.getByRole('button', { name: 'Send', exact: true }));
    expect(hrefs(message.html)).toContain('https://example.com/code');
    expect(trackedLinks(message.html)).toHaveLength(1);
    // An ESP campaign's pixel is an <img> (every editor's model keeps one; most drop a table's background), before </body>.
    expect(message.html).toMatch(new RegExp(`<img src="${collector.url}/o/[^"]+"[^>]*>\\s*</body>`));
  });

  it('CodeMirror 6 editor: changed through its own view, so its state (what the ESP saves) is tracked', async () => {
    const { page, sent } = await openEsp('/campaigns/4', 'esp/fixtures/codemirror.html', [await codeMirrorBundle(), hostScript('esp-codemirror.js')]);
    await page.locator('.cm-content .cm-line').first().click();
    await page.keyboard.press('End');
    await insertLink(page, 'External link', 'https://example.com/cm-new', 'New');
    const doc = await page.evaluate(() => (window as unknown as { __cm: { state: { doc: { toString(): string } } } }).__cm.state.doc.toString());
    expect(doc).toContain('<p>Hi</p><a href="https://example.com/cm-new">New</a>');
    const message = await send(sent, page.getByRole('button', { name: 'Send', exact: true }));
    expect(trackedLinks(message.html)).toHaveLength(2);
    expect(message.html).not.toContain('https://example.com/cm-new');
  });
});
