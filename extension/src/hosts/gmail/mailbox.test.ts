import { afterEach, describe, expect, it } from 'vitest';
import en from './fixtures/sent-en.html?raw';
import de from './fixtures/sent-de.html?raw';
import { gmailMailbox } from './mailbox';

const ORIGIN = 'https://t.acme.example';
const PIXEL = 'AQ1x2y3z4w5v6u7t8s9r0q';

/** The fixture at `hash`, a conversation rendered as Gmail does (tests/support/hosts/gmail-mailbox.js in the browser). */
function load(html: string, hash: string) {
  document.body.innerHTML = html.replace(/\{\{body:(\w+)\}\}/g, (_, id: string) =>
    id === '18c2a1f0e0d0c0b1'
      ? `<p>Hi</p><img src="https://ci3.googleusercontent.com/meips/AD=s0-d-e1-ft#${ORIGIN}/o/${PIXEL}.gif">`
      : '<p>No tracking here</p>',
  );
  location.hash = hash;
  const open = /^#sent\/(\w+)$/.exec(hash);
  if (open) {
    const template = document.querySelector<HTMLTemplateElement>(`template[data-legacy-thread-id="${open[1]}"]`)!;
    document.querySelector('[data-view="thread"]')!.append(template.content.cloneNode(true));
  }
  return gmailMailbox.findItems(document, [ORIGIN]);
}
afterEach(() => {
  document.body.innerHTML = '';
  location.hash = '';
});

describe('Gmail mailbox', () => {
  it.each([
    ['English', en],
    ['German', de],
  ])('reads the Sent list rows by thread id, the mark before each date (%s UI)', (_, html) => {
    const items = load(html, '#sent');
    expect(items.map((i) => [i.kind, i.threadId])).toEqual([
      ['row', '18c2a1f0e0d0c0b1'],
      ['row', '18c29f7a6b5c4d3e'],
      ['row', '18c29e1d2c3b4a59'],
      ['row', '18c29d0c1b2a3948'],
    ]);
    expect(items[0]!.slot.closest('td')?.className).toContain('xW');
    expect(items[0]!.subject).toMatch(/^(Launch plan|Angebot für Müller GmbH)$/);
    expect(items[0]!.recipients).toHaveLength(1);
    expect(items[0]!.recipients![0]).toContain('@');
    expect(items[0]!.slot.getAttribute('title')).toMatch(/2026/);
  });

  it("reads an open conversation's message: its thread, its header date and its body's token", () => {
    const [message, ...rest] = load(en, '#sent/18c2a1f0e0d0c0b1');
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ kind: 'message', threadId: '18c2a1f0e0d0c0b1', tokens: [PIXEL] });
    expect(message!.slot.className).toBe('g3');
  });

  it('finds no rows outside the Sent list, and no token in an untracked message', () => {
    expect(load(en, '#inbox')).toEqual([]);
    const [message] = load(de, '#sent/18c29e1d2c3b4a59');
    expect(message?.tokens).toEqual([]);
  });
});
