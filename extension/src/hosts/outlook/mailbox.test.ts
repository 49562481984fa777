import { afterEach, describe, expect, it } from 'vitest';
import en from './fixtures/sent-items-en.html?raw';
import fr from './fixtures/sent-items-fr.html?raw';
import { outlookMailbox } from './mailbox';

const ORIGIN = 'https://t.acme.example';
const LINK = 'Ag1x2y3z4w5v6u7t8s9r0qLONGERlinkTOKEN_-';

/** The fixture at `path`, with conversation `open` selected and shown in the reading pane (as outlook-mailbox.js does). */
function load(html: string, path: string, open?: string) {
  document.body.innerHTML = html.replace(
    /\{\{body:(\w+)\}\}/g,
    () =>
      `<p>Hi <a href="https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(`${ORIGIN}/c/${LINK}`)}&amp;data=05" originalsrc="${ORIGIN}/c/${LINK}">deck</a></p>`,
  );
  history.replaceState(null, '', path);
  if (open) {
    document.querySelector(`[data-convid="${open}"][role="option"]`)!.setAttribute('aria-selected', 'true');
    const template = document.querySelector<HTMLTemplateElement>(`template[data-convid="${open}"]`)!;
    document.getElementById('ReadingPaneContainerId')!.append(template.content.cloneNode(true));
  }
  return outlookMailbox.findItems(document, [ORIGIN]);
}
afterEach(() => {
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
});

describe('Outlook mailbox', () => {
  it.each([
    ['English', en],
    ['French', fr],
  ])('reads Sent Items rows by conversation id, the mark before the time (%s UI)', (_, html) => {
    const items = load(html, '/mail/sentitems');
    expect(items.map((i) => [i.kind, i.threadId])).toEqual([
      ['row', 'AAQkAGI2TG93AAABAAAA'],
      ['row', 'AAQkAGI2TG93AAACAAAA'],
      ['row', 'AAQkAGI2TG93AAADAAAA'],
    ]);
    expect(items[0]!.slot.className).toBe('_rWRU');
    expect(items[0]!.subject).toMatch(/^(Launch plan|Proposition commerciale)$/);
    expect(items[0]!.recipients).toEqual([html === en ? 'ann@example.com' : 'chloe@exemple.fr']);
  });

  it("reads the reading pane's message: the selected conversation, the header time, the Safe Links token", () => {
    const items = load(en, '/mail/0/sentitems/id/AAQk', 'AAQkAGI2TG93AAACAAAA');
    const message = items.find((i) => i.kind === 'message');
    expect(message).toMatchObject({ threadId: 'AAQkAGI2TG93AAACAAAA', tokens: [LINK] });
    expect(message!.slot.getAttribute('data-testid')).toBe('SentReceivedSavedTime');
  });

  it('reads no rows in another folder', () => {
    expect(load(fr, '/mail/inbox')).toEqual([]);
  });
});
