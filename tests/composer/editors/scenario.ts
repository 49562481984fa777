import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../../support/browser';
import { startTestCollector, type TestCollector } from '../../support/collector';
import { serveHost, waitForSent, type SentMessage } from '../../support/hosts';
import { signInThroughOptions } from '../../support/options';
import { insertLink } from '../../support/composer-ui';
import { hrefs, pixelSrc } from '../../support/tracking';
import { DRAFT_URLS, EDITOR_PAGES, type EditorPage } from '../../support/editor-pages';
import { expectLaidOut } from './layout';

/** The ESP the user enabled in the options: a local origin, so its host permission is already granted. */
export const ESP = 'http://localhost:47101';

export interface EditorContext {
  collector: TestCollector;
  browser: ExtensionBrowser;
}

/** One real Chromium with the built extension and one real collector for a test file; the ESP site enabled. */
export function useEditorContext(): EditorContext {
  const context = {} as EditorContext;
  beforeAll(async () => {
    context.collector = await startTestCollector();
    context.browser = await launchWithExtension();
    const options = await signInThroughOptions(context.browser.context, context.browser.extensionId, context.collector.url, context.collector.token);
    const enabled = await options.evaluate((origin) => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
      return chrome.runtime.sendMessage({ beacon: 'addEspSite', input: { origin } });
    }, ESP);
    expect(enabled).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.collector?.stop();
  });
  return context;
}

export const read = (page: Page) => page.evaluate(() => (window as unknown as { __esp: { read(): string } }).__esp.read());
export const text = (page: Page) => page.evaluate(() => (window as unknown as { __esp: { text(): string } }).__esp.text());

/** Opens the editor's campaign page and waits for Beacon's toolbar (which waits for the editor). */
export async function openEditor(ctx: EditorContext, page: EditorPage, path: string): Promise<{ tab: Page; sent: SentMessage[] }> {
  const sent = await serveHost(ctx.browser.context, `${ESP}${path}`, page.body, await page.scripts(), page.head);
  const tab = await ctx.browser.context.newPage();
  await tab.goto(`${ESP}${path}`);
  await tab.getByRole('button', { name: 'Insert link', exact: true }).waitFor({ timeout: 20_000 });
  return { tab, sent };
}

const trackedIn = (html: string, collectorUrl: string) => hrefs(html).filter((href) => href.startsWith(`${collectorUrl}/c/`));

/** The behaviours issue 18 lists, on one editor page. */
export function describeEditor(ctx: EditorContext, key: keyof typeof EDITOR_PAGES, index: number): void {
  const page = EDITOR_PAGES[key]!;
  describe(page.name, () => {
    it('shows one toolbar, visible and clickable, covering no host control and covered by none', async () => {
      const { tab } = await openEditor(ctx, page, `/campaigns/${key}/toolbar`);
      expect(await tab.locator('beacon-toolbar').count()).toBe(1);
      await expectLaidOut(tab);
      await tab.setViewportSize({ width: 1024, height: 768 });
      await tab.getByRole('button', { name: 'Links', exact: true }).click();
      await expectLaidOut(tab);
      await tab.close();
    });

    it('inserts a link through the editor, and one undo takes it out again', async () => {
      const { tab } = await openEditor(ctx, page, `/campaigns/${key}/insert`);
      await page.caret(tab);
      const before = await read(tab);
      await insertLink(tab, 'External link', `https://example.com/inserted-${index}`, 'New arrivals');
      await expect.poll(() => read(tab)).toContain(`href="https://example.com/inserted-${index}"`);
      await tab.keyboard.press('Control+z');
      await expect.poll(() => read(tab)).toBe(before);
      await tab.close();
    });

    it('lists every URL of the draft in the Links panel', async () => {
      const { tab } = await openEditor(ctx, page, `/campaigns/${key}/links`);
      await tab.getByRole('button', { name: 'Links', exact: true }).click();
      const panel = tab.getByRole('dialog', { name: 'Links' });
      await expect.poll(async () => (await panel.locator('li[data-url]').evaluateAll((items) => items.map((i) => i.getAttribute('data-url')))).sort()).toEqual([...DRAFT_URLS].sort());
      const urls = hrefs(await read(tab));
      expect([...new Set(urls)].sort()).toEqual([...DRAFT_URLS].sort());
      await tab.close();
    });

    it('has every link tracked and the pixel when the ESP’s send handler reads the editor; one message; the draft intact', async () => {
      const { tab, sent } = await openEditor(ctx, page, `/campaigns/${key}/send`);
      const words = await text(tab);
      await tab.getByRole('button', { name: 'Send campaign' }).click();
      const message = await waitForSent(sent);
      expect(trackedIn(message.html, ctx.collector.url)).toHaveLength(2);
      expect(hrefs(message.html)).toContain('mailto:help@example.com');
      expect(pixelSrc(message.html, ctx.collector.url)).toBeDefined();
      const list = await ctx.collector.api<{ items: { subject: string }[] }>('/api/messages?limit=100');
      expect(list.items.filter((m) => m.subject === `${page.name} campaign`)).toHaveLength(1);
      expect((await text(tab)).replace(/\s+/g, ' ').trim()).toBe(words.replace(/\s+/g, ' ').trim());
      await tab.close();
    });
  });
}
