import { expect, it } from 'vitest';
import { openEditor, read, useEditorContext } from './scenario';
import { DRAFT, savedDraftPage } from '../../support/editor-pages';
import { waitForSent } from '../../support/hosts';
import { hrefs } from '../../support/tracking';

const ctx = useEditorContext();
const NAME = 'Saved draft';
const registered = async () =>
  (await ctx.collector.api<{ items: { id: string; subject: string }[] }>('/api/messages?limit=100')).items.filter((m) => m.subject === `${NAME} campaign`);

it('knows a draft it tracked on an earlier visit (as the ESP saved it), and sends it as that one message', async () => {
  const first = await openEditor(ctx, savedDraftPage(NAME, DRAFT), '/campaigns/reopen');
  await first.tab.getByRole('button', { name: 'Apply tracking', exact: true }).click();
  await first.tab.getByRole('alertdialog', { name: 'Apply tracking' }).getByRole('button', { name: 'Apply tracking' }).click();
  await first.tab.getByText('Tracking applied · 2 links').waitFor();
  const saved = await read(first.tab);
  await first.tab.close();
  const [message] = await registered();

  // The ESP opens the draft again, tracked as it saved it.
  const again = await openEditor(ctx, savedDraftPage(NAME, saved), '/campaigns/reopen');
  await again.tab.getByText('Tracking applied · 2 links').waitFor();
  await again.tab.getByRole('button', { name: 'Send campaign' }).click();
  const sent = await waitForSent(again.sent);
  expect(hrefs(sent.html).filter((href) => href.startsWith(`${ctx.collector.url}/c/`))).toHaveLength(2);
  expect(sent.html.split(`${ctx.collector.url}/o/`)).toHaveLength(2); // one pixel
  expect((await registered()).map((m) => m.id)).toEqual([message!.id]);
  await again.tab.close();
});
