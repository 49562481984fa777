import { expect, it } from 'vitest';
import { openEditor, read, text, useEditorContext } from './scenario';
import { EDITOR_PAGES } from '../../support/editor-pages';

const ctx = useEditorContext();
const page = EDITOR_PAGES.quill2Strict!;
const subject = `${page.name} campaign`;
const registered = async () =>
  (await ctx.collector.api<{ items: { subject: string }[] }>('/api/messages?limit=100')).items.filter((m) => m.subject === subject);

it('says so plainly when the editor does not take the tracked content, offers the tracked HTML, and keeps the draft', async () => {
  const { tab } = await openEditor(ctx, page, '/campaigns/strict/apply');
  await ctx.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'http://localhost:47101' });
  const before = await read(tab);
  await tab.getByRole('button', { name: 'Apply tracking', exact: true }).click();
  await tab.getByRole('alertdialog', { name: 'Apply tracking' }).getByRole('button', { name: 'Apply tracking' }).click();
  const alert = tab.getByRole('alert').filter({ hasText: 'This editor did not take the tracked links' });
  await alert.waitFor();
  expect(await alert.textContent()).toContain('Your draft is unchanged.');
  expect(await read(tab)).toBe(before);
  await alert.getByRole('button', { name: 'Copy tracked HTML' }).click();
  const copied = await tab.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`${ctx.collector.url}/c/`);
  expect(copied).toContain(`${ctx.collector.url}/o/`);
  await expect.poll(registered).toHaveLength(0); // the registration was withdrawn
  await tab.close();
});

it('never sends untracked without the user saying so: the send waits on "Send without tracking" / "Cancel"', async () => {
  const { tab, sent } = await openEditor(ctx, page, '/campaigns/strict/send');
  const words = await text(tab);
  await tab.getByRole('button', { name: 'Send campaign' }).click();
  const dialog = tab.getByRole('alertdialog', { name: 'This editor did not take the tracked links' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await tab.waitForTimeout(300);
  expect(sent).toHaveLength(0);
  expect(await text(tab)).toBe(words);
  await tab.getByRole('button', { name: 'Send campaign' }).click();
  await dialog.getByRole('button', { name: 'Send without tracking' }).click();
  await expect.poll(() => sent.length).toBe(1);
  expect(sent[0]!.html).not.toContain(ctx.collector.url);
  await expect.poll(registered).toHaveLength(0);
  await tab.close();
});
