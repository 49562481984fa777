import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../../support/browser';
import { startTestCollector, type TestCollector } from '../../support/collector';
import { serveHost, waitForSent, type SentMessage } from '../../support/hosts';
import { signInThroughOptions } from '../../support/options';
import { insertLink } from '../../support/composer-ui';
import { HUMAN_UA, hrefs, pixelSrc } from '../../support/tracking';
import { MessageRecipientsSchema } from '@beacon/shared/api/messages';
import { DRAFT_URLS, EDITOR_PAGES, type EditorPage } from '../../support/editor-pages';
import { expectLaidOut } from './layout';

/** The ESP the user enabled in the options: a local origin, granted as a development build grants it (localHosts). */
export const ESP = 'http://localhost:47101';
/** The recipient merge tag this ESP expands per recipient (Mailchimp's form). */
export const TAG = '*|EMAIL|*';

export interface EditorContext {
  collector: TestCollector;
  browser: ExtensionBrowser;
}

/** One real Chromium with the built extension and one real collector for a test file; the ESP site enabled. */
export function useEditorContext(): EditorContext {
  const context = {} as EditorContext;
  beforeAll(async () => {
    context.collector = await startTestCollector();
    context.browser = await launchWithExtension({ localHosts: true });
    const options = await signInThroughOptions(context.browser.context, context.browser.extensionId, context.collector.url, context.collector.token);
    const enabled = await options.evaluate((origin) => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
      return chrome.runtime.sendMessage({ beacon: 'addEspSite', input: { origin } });
    }, ESP);
    expect(enabled).toMatchObject({ ok: true });
    // The site's recipient merge tag, set in the options as a user does (this local ESP has no default).
    await options.reload();
    const tag = options.locator(`[data-site="${ESP}"]`).getByLabel('Recipient merge tag');
    await tag.fill(TAG);
    await tag.press('Tab');
    await options.close();
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

/** Uses Beacon's Apply tracking as a user does, giving the list's size; waits for the toolbar to say it is done. */
async function applyTracking(tab: Page, button: 'Apply tracking' | 'Update tracking', audience: string, links: number) {
  await tab.getByRole('button', { name: button, exact: true }).click();
  const dialog = tab.getByRole('alertdialog', { name: 'Apply tracking' });
  await dialog.getByLabel('Audience size (optional)').fill(audience);
  await dialog.getByRole('button', { name: 'Apply tracking' }).click();
  await tab.getByText(`Tracking applied · ${links} links`).waitFor();
}

async function messagesWithSubject(ctx: EditorContext, subject: string): Promise<{ id: string; subject: string }[]> {
  const list = await ctx.collector.api<{ items: { id: string; subject: string }[] }>('/api/messages?limit=100');
  return list.items.filter((m) => m.subject === subject);
}

/** What the ESP does when it sends to one recipient of the list: the recipient tag replaced with the address. */
const sentTo = (url: string, email: string) => url.replaceAll(TAG, encodeURIComponent(email));
async function recipientOpensAndClicks(url: { pixel: string; link: string }, email: string, click: boolean) {
  await fetch(sentTo(url.pixel, email), { headers: { 'user-agent': HUMAN_UA } });
  if (click) await fetch(sentTo(url.link, email), { redirect: 'manual', headers: { 'user-agent': HUMAN_UA } });
}

/** The behaviours issue 18 lists, on one editor page. */
export function describeEditor(ctx: EditorContext, key: keyof typeof EDITOR_PAGES, index: number): void {
  const page = EDITOR_PAGES[key]!;
  describe(page.name, () => {
    it('shows one toolbar, visible and clickable, covering no host control and covered by none', async () => {
      const { tab } = await openEditor(ctx, page, `/campaigns/${key}/toolbar`);
      expect(await tab.locator('beacon-toolbar').count()).toBe(1);
      await tab.setViewportSize({ width: 1280, height: 800 });
      await expectLaidOut(tab);
      await tab.getByRole('button', { name: 'Links', exact: true }).click();
      await expectLaidOut(tab);
      await tab.setViewportSize({ width: 1024, height: 768 });
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
      await expect
        .poll(async () => (await panel.locator('li[data-url]').evaluateAll((items) => items.map((i) => i.getAttribute('data-url')))).sort())
        .toEqual([...DRAFT_URLS].sort());
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
      expect(await messagesWithSubject(ctx, `${page.name} campaign`)).toHaveLength(1);
      expect((await text(tab)).replace(/\s+/g, ' ').trim()).toBe(words.replace(/\s+/g, ' ').trim());
      await tab.close();
    });

    it('applies tracking inside the editor: every link tracked and the pixel, in the editor’s own serialization', async () => {
      const { tab } = await openEditor(ctx, page, `/campaigns/${key}/apply`);
      await applyTracking(tab, 'Apply tracking', '', 2);
      const applied = await read(tab);
      expect(trackedIn(applied, ctx.collector.url)).toHaveLength(2);
      expect(hrefs(applied)).toContain('mailto:help@example.com');
      expect(pixelSrc(applied, ctx.collector.url)).toBeDefined();
      await tab.close();
    });

    it('Remove puts the draft back byte for byte and withdraws the registration', async () => {
      const subject = `${page.name} removed`;
      const { tab } = await openEditor(ctx, page, `/campaigns/${key}/remove`);
      await tab.locator('input[name="subject"]').fill(subject);
      const before = await read(tab);
      await applyTracking(tab, 'Apply tracking', '', 2);
      expect(await messagesWithSubject(ctx, subject)).toHaveLength(1);
      await tab.getByRole('button', { name: 'Remove tracking', exact: true }).click();
      await tab.getByRole('button', { name: 'Apply tracking', exact: true }).waitFor();
      expect(await read(tab)).toBe(before);
      await expect.poll(() => messagesWithSubject(ctx, subject)).toHaveLength(0);
      await tab.close();
    });

    it('updates the same message when applied again after an edit, sends it as applied, and counts each recipient of the list', async () => {
      const subject = `${page.name} list`;
      const { tab, sent } = await openEditor(ctx, page, `/campaigns/${key}/list`);
      await tab.locator('input[name="subject"]').fill(subject);
      await applyTracking(tab, 'Apply tracking', '3', 2);
      await page.caret(tab);
      await insertLink(tab, 'External link', `https://example.com/added-${index}`, 'Added');
      // The ESP sends later, from another screen: the toolbar says the new link would go out untracked.
      const stale = tab.getByText('1 link is not tracked yet: update tracking before sending.');
      await stale.waitFor();
      await applyTracking(tab, 'Update tracking', '3', 3);
      await stale.waitFor({ state: 'detached' });
      const applied = await read(tab);
      const tracked = trackedIn(applied, ctx.collector.url);
      expect(tracked).toHaveLength(3);
      expect(hrefs(applied).filter((href) => href.startsWith('https://'))).toEqual([]); // every web link tracked once
      await tab.getByRole('button', { name: 'Send campaign' }).click();
      const message = await waitForSent(sent);
      expect(message.html).toBe(applied);
      const [registered, ...more] = await messagesWithSubject(ctx, subject);
      expect(more).toHaveLength(0);
      const urls = { pixel: pixelSrc(message.html, ctx.collector.url)!, link: tracked[0]! };
      expect(urls.pixel).toContain(`r=${TAG}`);
      await recipientOpensAndClicks(urls, 'ann@example.com', true);
      await recipientOpensAndClicks(urls, 'bob@example.com', false);
      await recipientOpensAndClicks(urls, 'ann@example.com', false);
      await expect
        .poll(async () => MessageRecipientsSchema.parse(await ctx.collector.api(`/api/messages/${registered!.id}/recipients`)), { timeout: 15_000 })
        .toMatchObject({
          audienceSize: 3,
          reached: 2,
          recipients: [
            { email: 'ann@example.com', clickedAt: expect.any(String) },
            { email: 'bob@example.com', clickedAt: null },
          ],
        });
      await tab.close();
    });
  });
}
