import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeChecker } from '../support/axe';
import { EDITOR_PAGES } from '../support/editor-pages';
import { HUMAN_UA, pixelSrc } from '../support/tracking';
import { openEditor, read, TAG, useEditorContext } from '../composer/editors/scenario';

// An ESP's composer has controls Gmail's has not (Apply tracking and its dialog, the Links panel in the page's flow),
// the options an ESP site with its merge tag, the popup a list campaign's report: each checked as axe.test.ts does.
const ctx = useEditorContext();
const page = EDITOR_PAGES.contenteditable!;
const { check, checkLightAndDark, report } = axeChecker();
let pixel = '';
afterAll(() => report('axe-core findings by view (ESP)'));

const focusInside = (tab: Page, selector: string) => tab.locator(selector).evaluate((el) => el.contains((el.getRootNode() as ShadowRoot).activeElement));

const extensionPage = (path: string, width = 1280) => ctx.browser.openPage(path, { width, height: 800 });

describe('an ESP composer, with the keyboard alone', () => {
  it('toolbar, the Links panel in the page, the Apply tracking dialog, Tracking applied: no finding, light and dark', async () => {
    const { tab } = await openEditor(ctx, page, '/campaigns/axe');
    await check('esp: toolbar', tab, ['beacon-toolbar']);

    // The Links panel opens inside the toolbar: focus goes into it, and back to its button on Escape.
    await tab.getByRole('button', { name: 'Links', exact: true }).focus();
    await tab.keyboard.press('Enter');
    await tab.getByRole('dialog', { name: 'Links' }).locator('li[data-url]').first().waitFor();
    expect(await focusInside(tab, 'beacon-toolbar .inline-panel')).toBe(true);
    await check('esp: toolbar with the Links panel', tab, ['beacon-toolbar']);
    await tab.keyboard.press('Escape');
    await tab.getByRole('dialog', { name: 'Links' }).waitFor({ state: 'detached' });
    expect(await tab.getByRole('button', { name: 'Links', exact: true }).evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);

    await tab.getByRole('button', { name: 'Apply tracking', exact: true }).focus();
    await tab.keyboard.press('Enter');
    const dialog = tab.getByRole('alertdialog', { name: 'Apply tracking' });
    await dialog.waitFor();
    await check('esp: Apply tracking dialog', tab, ['beacon-overlay']);
    // Tab reaches the audience size and stays in the dialog.
    for (let i = 0; i < 8; i++) await tab.keyboard.press('Tab');
    expect(await focusInside(tab, 'beacon-overlay .dialog')).toBe(true);
    await dialog.getByLabel('Audience size (optional)').focus();
    await tab.keyboard.type('250');
    await dialog.getByRole('button', { name: 'Apply tracking' }).focus();
    await tab.keyboard.press('Enter');
    await tab.getByText('Tracking applied · 2 links').waitFor();
    await checkLightAndDark('esp: toolbar, tracking applied', tab, ['beacon-toolbar']);
    pixel = pixelSrc(await read(tab), ctx.collector.url)!;
    expect(pixel).toBeDefined();
    await tab.close();
  });

  it('options: the ESP site with its recipient merge tag, light and dark', async () => {
    const options = await extensionPage('options.html');
    await options.locator('[data-site] input').waitFor();
    await checkLightAndDark('options: ESP site and merge tag', options);
    await options.close();
  });

  it("popup: the list campaign's report, who opened and clicked", async () => {
    // One recipient of the list opens: the ESP has put their address in place of the merge tag.
    await fetch(pixel.replaceAll(TAG, encodeURIComponent('lee@example.com')), { headers: { 'user-agent': HUMAN_UA } });
    const list = await ctx.collector.api<{ items: { id: string; subject: string }[] }>('/api/messages?limit=10');
    const id = list.items.find((m) => m.subject === `${page.name} campaign`)!.id;
    const popup = await extensionPage(`popup.html#/message/${id}/global`, 440);
    await popup.locator('.list-recipients tr[data-email="lee@example.com"]').waitFor();
    await checkLightAndDark('popup: list campaign, Global', popup);
    await popup.close();
  });
});
