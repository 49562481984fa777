import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestCollector, type TestCollector } from '@beacon/collector/test/support/collector.ts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from './support.ts';

/**
 * Hostile mail shown on the mirror page (/m/). Each vector, if it ran, would make a request to `W/hit/<name>`
 * (a server of the test's own) or open a dialog; `act` clicks or submits what a reader would. The same HTML served
 * plainly by the watch server is the control: there every vector must fire, so the watch can see one.
 */
const VECTORS: { name: string; html: (w: string) => string; act?: (page: Page) => Promise<void> }[] = [
  { name: 'script', html: (w) => `<p>Hi</p><script>fetch('${w}/hit/script');alert('script')</script>` },
  { name: 'img-onerror', html: (w) => `<img src="data:image/png;base64,AAAA" onerror="fetch('${w}/hit/img-onerror');alert(1)">` },
  { name: 'body-onload', html: (w) => `<html><body onload="fetch('${w}/hit/body-onload');alert(1)"><p>Hi</p></body></html>` },
  {
    name: 'javascript-url',
    html: (w) => `<p><a id="go" href="javascript:fetch('${w}/hit/javascript-url');alert(1)">Open the offer</a></p>`,
    act: (page) => page.click('#go'),
  },
  {
    name: 'form',
    html: (w) => `<form id="f" action="${w}/hit/form" method="get"><input name="q" value="secret"><button id="send">Send</button></form>`,
    act: (page) => page.click('#send'),
  },
  { name: 'meta-refresh', html: (w) => `<html><head><meta http-equiv="refresh" content="0;url=${w}/hit/meta-refresh"></head><body>x</body></html>` },
  { name: 'svg-onload', html: (w) => `<svg width="10" height="10" onload="fetch('${w}/hit/svg-onload')"><rect width="10" height="10"/></svg>` },
  { name: 'svg-script', html: (w) => `<svg width="10" height="10"><script>fetch('${w}/hit/svg-script')</script></svg>` },
  {
    name: 'svg-link',
    html: (w) => `<svg width="200" height="40"><a id="svglink" href="javascript:fetch('${w}/hit/svg-link')"><text x="5" y="20">Click</text></a></svg>`,
    act: (page) => page.click('#svglink'),
  },
  // Not scripts, but ways to run code or load active content from elsewhere: none may load.
  { name: 'iframe-src', html: (w) => `<iframe src="${w}/hit/iframe-src"></iframe>` },
  { name: 'object', html: (w) => `<object data="${w}/hit/object" type="text/html"></object>` },
  { name: 'embed', html: (w) => `<embed src="${w}/hit/embed" type="text/html">` },
  { name: 'stylesheet', html: (w) => `<link rel="stylesheet" href="${w}/hit/stylesheet"><p>x</p>` },
  {
    name: 'iframe-srcdoc',
    html: (w) => `<iframe srcdoc="<script>fetch('${w}/hit/iframe-srcdoc');parent.alert(1)</script>"></iframe>`,
  },
];

describe('mirror pages in Chromium: no script runs, nothing navigates', () => {
  let t: TestCollector;
  let browser: Browser;
  let watch: Server;
  let w: string;
  const hits: string[] = [];
  const controls = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestCollector('pglite');
    watch = createServer((req, res) => {
      const path = req.url ?? '';
      if (path.startsWith('/hit/')) hits.push(path.slice(5).split('?')[0]!);
      const control = controls.get(path);
      res.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*' });
      res.end(control ?? 'ok');
    });
    await new Promise<void>((r) => watch.listen(0, '127.0.0.1', r));
    w = `http://127.0.0.1:${(watch.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => watch?.close(r));
    await t?.stop();
  });

  /** Opens `url`, does what a reader would, waits; returns the dialogs seen and the URLs the main frame went to. */
  async function visit(url: string, act: ((page: Page) => Promise<void>) | undefined, strict: boolean) {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const navigations: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    // In the control the click may navigate away mid-action; on the mirror page it must find its target.
    await act?.(page).catch((e: unknown) => {
      if (strict) throw e;
    });
    await page.waitForTimeout(1500);
    const finalUrl = page.url();
    await page.close();
    return { status: response?.status(), dialogs, navigations, finalUrl };
  }

  for (const v of VECTORS) {
    it(`${v.name}: the control fires, the mirror page does not`, async () => {
      const html = v.html(w);
      controls.set(`/control/${v.name}`, html);
      hits.length = 0;
      await visit(`${w}/control/${v.name}`, v.act, false);
      expect(hits, 'the vector fires on a plain page, so the watch can see it').toContain(v.name);

      const m = await register(t.collector.url, t.admin.token, { html });
      const mirror = `${t.collector.url}${new URL(m.mirrorUrl).pathname}`;
      hits.length = 0;
      const seen = await visit(mirror, v.act, true);
      expect(seen.status).toBe(200);
      expect(hits).toEqual([]);
      expect(seen.dialogs).toEqual([]);
      expect(seen.finalUrl).toBe(mirror);
      expect(seen.navigations).toEqual([mirror]);
    });
  }
});
