/**
 * Apply tracking on a 100-link campaign in the real editors: from the click on the dialog's "Apply tracking" to
 * the toolbar saying "Tracking applied · 100 links", which comes after the registration, the write through the
 * editor's own API and the read-back of its serialization. Remove (also through the editor) resets each run.
 */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../tests/support/browser.ts';
import { serveHost } from '../../tests/support/hosts.ts';
import { EDITOR_PAGES } from '../../tests/support/editor-pages.ts';

export const APPLY_EDITORS = ['tinymce8', 'ckeditor5', 'quill2', 'tiptap', 'grapesjs'] as const;
const ESP = 'http://localhost:47101';

const CAMPAIGN = Array.from({ length: 100 }, (_, i) => `<p>Item ${i}: <a href="https://shop.example.com/p/${i}?utm_source=esp">product ${i}</a></p>`).join('');

// Page-side code as a string: the TS loader would wrap named functions in helpers the page does not have.
const TIME_APPLY = `new Promise((resolve, reject) => {
  const toolbar = () => document.querySelector('beacon-toolbar').shadowRoot;
  const overlay = () => document.querySelector('beacon-overlay').shadowRoot;
  const button = (root, name) => [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
  button(toolbar(), 'Apply tracking').click();
  const start = performance.now();
  const confirm = () => {
    const ok = overlay() && [...overlay().querySelectorAll('[role="alertdialog"] button')].find((b) => b.textContent.trim() === 'Apply tracking');
    if (!ok) return requestAnimationFrame(confirm);
    const t0 = performance.now();
    ok.click();
    const done = () => {
      if (toolbar().textContent.includes('Tracking applied · 100 links')) return resolve(performance.now() - t0);
      if (performance.now() - start > 15000) return reject(new Error('not applied: ' + toolbar().textContent));
      requestAnimationFrame(done);
    };
    done();
  };
  confirm();
})`;
const REMOVE = `new Promise((resolve) => {
  const toolbar = () => document.querySelector('beacon-toolbar').shadowRoot;
  [...toolbar().querySelectorAll('button')].find((b) => b.textContent.trim() === 'Remove tracking').click();
  const done = () => ([...toolbar().querySelectorAll('button')].some((b) => b.textContent.trim() === 'Apply tracking') ? resolve() : requestAnimationFrame(done));
  done();
})`;

async function openCampaign(browser: ExtensionBrowser, key: (typeof APPLY_EDITORS)[number]): Promise<Page> {
  const page = EDITOR_PAGES[key]!;
  await serveHost(browser.context, `${ESP}/budget/${key}`, page.body, await page.scripts(), page.head);
  const tab = await browser.context.newPage();
  await tab.goto(`${ESP}/budget/${key}`);
  await tab.getByRole('button', { name: 'Apply tracking', exact: true }).waitFor({ timeout: 20_000 });
  await tab.evaluate((html) => (window as unknown as { __esp: { load(html: string): void } }).__esp.load(html), CAMPAIGN);
  await tab.locator('beacon-toolbar .count').getByText('100', { exact: true }).waitFor(); // the Links panel has read them
  return tab;
}

/** Milliseconds per Apply, `runs` times on each editor. */
export async function measureApply(browser: ExtensionBrowser, runs: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const key of APPLY_EDITORS) {
    const tab = await openCampaign(browser, key);
    out[key] = [];
    for (let i = 0; i < runs; i++) {
      out[key].push(await tab.evaluate<number>(TIME_APPLY));
      await tab.evaluate(REMOVE);
    }
    await tab.close();
  }
  return out;
}
