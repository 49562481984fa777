import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAs } from '../support/accounts';
import { startTestCollector, type TestCollector } from '../support/collector';
import { expectCounts, HUMAN_UA } from '../support/tracking';

/**
 * Each form of the open pixel, as the collector writes it, shown by a real browser engine (Chromium's, which renders
 * Gmail, Outlook on the web and Yahoo in Chrome and Edge): the pixel is fetched once and counted as an open. The
 * Outlook-only `<img>` of the background form sits in a comment, so a browser fetches the pixel only through the
 * table's background.
 */
const SHORT = '<div dir="ltr">Thanks, see you Monday.</div>';
const WITH_IMAGE = '<div dir="ltr">Our new logo: <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="logo"></div>';

describe('the open pixel in Chromium', () => {
  let collector: TestCollector;
  let browser: Browser;
  beforeAll(async () => {
    collector = await startTestCollector();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  it.each([
    { name: 'a short message (auto: background)', html: SHORT, pixelForm: undefined, markup: /<table [^>]*background="[^"]+\/o\// },
    { name: 'a message with an image (auto: <img>)', html: WITH_IMAGE, pixelForm: undefined, markup: /<img src="[^"]+\/o\// },
    { name: 'a short message asking for an <img>', html: SHORT, pixelForm: 'image' as const, markup: /<img src="[^"]+\/o\// },
    { name: 'a message with an image asking for a background', html: WITH_IMAGE, pixelForm: 'background' as const, markup: /<table [^>]*background=/ },
  ])('$name: the pixel loads once and counts an open', async ({ name, html, pixelForm, markup }) => {
    const message = await registerAs(collector, collector.token, { subject: name, html, ...(pixelForm ? { pixelForm } : {}) });
    expect(message.html.slice(html.length)).toMatch(markup);
    const page = await browser.newPage({ userAgent: HUMAN_UA });
    const pixelPath = new URL(message.pixelUrl!).pathname;
    let fetched = 0;
    page.on('requestfinished', (request) => {
      if (new URL(request.url()).pathname === pixelPath) fetched++;
    });
    await page.setContent(`<!doctype html><html><body>${message.html}</body></html>`, { waitUntil: 'load' });
    await expectCounts(collector, message.id, { opens: 1, clicks: 0 });
    expect(fetched).toBe(1);
    await page.close();
  });
});
