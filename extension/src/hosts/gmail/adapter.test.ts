import { afterEach, describe, expect, it } from 'vitest';
import en from './fixtures/compose-en.html?raw';
import de from './fixtures/compose-de.html?raw';
import popout from './fixtures/popout.html?raw';
import { gmailAdapter } from './adapter';

function load(html: string) {
  document.body.innerHTML = html;
  return gmailAdapter.findComposers(document);
}
afterEach(() => (document.body.innerHTML = ''));

function key(init: KeyboardEventInit) {
  return new KeyboardEvent('keydown', { bubbles: true, ...init, composed: true });
}
function sendTriggerOf(composer: ReturnType<typeof load>[number], target: Element, event: Event) {
  let seen: string | null = null;
  target.addEventListener(event.type, (e) => (seen = composer.sendTrigger(e)), { once: true });
  target.dispatchEvent(event);
  return seen;
}

describe('Gmail adapter', () => {
  it('finds an inline reply and a new-message dialog open at once, each with its own body', () => {
    const [reply, dialog] = load(en);
    expect(reply?.editor.getHtml()).toContain('https://docs.example.com/deck');
    expect(dialog?.editor.getHtml()).toContain('https://example.com/launch');
    expect(reply?.root.contains(dialog!.root)).toBe(false);
  });

  it('reads chips and typed addresses as recipients, and the subject', () => {
    const [reply, dialog] = load(en);
    expect(dialog?.getRecipients()).toEqual([{ email: 'ann@example.com', name: 'Ann Lee' }, { email: 'bob@example.net' }, { email: 'dave@example.com' }]);
    expect(dialog?.getSubject()).toBe('Launch plan');
    expect(reply?.getRecipients()).toEqual([{ email: 'carol@example.org', name: 'Carol Diaz' }]);
  });

  it('works on a German Gmail where no label says Send or Message Body', () => {
    const [composer, ...rest] = load(de);
    expect(rest).toHaveLength(0);
    expect(composer?.getRecipients()).toEqual([{ email: 'jonas.weber@beispiel.de', name: 'Jonas Weber' }]);
    expect(composer?.getSubject()).toBe('Angebot für Müller GmbH');
    const send = document.querySelector('[aria-label^="Senden"]')!;
    expect(sendTriggerOf(composer!, send, new MouseEvent('click', { bubbles: true }))).toBe('click');
    expect(sendTriggerOf(composer!, send, key({ key: 'Enter' }))).toBe('key');
    const more = document.querySelector('[aria-haspopup="true"][role="button"]')!;
    expect(sendTriggerOf(composer!, more, new MouseEvent('click', { bubbles: true }))).toBeNull();
    const body = composer!.editor.element;
    expect(sendTriggerOf(composer!, body, key({ key: 'Enter', ctrlKey: true }))).toBe('shortcut');
    expect(sendTriggerOf(composer!, body, key({ key: 'Enter' }))).toBeNull();
  });

  it('reads older span[email] chips and typed text in a pop-out window', () => {
    const [composer] = load(popout);
    (document.querySelector('textarea[name="to"]') as HTMLTextAreaElement).value = 'Zoe <zoe@example.com>';
    expect(composer?.getRecipients()).toEqual([{ email: 'erin@example.com', name: 'Erin Park' }, { email: 'zoe@example.com' }]);
  });

  it('places the toolbar right after the Send cell and re-sends with a full click', () => {
    const [, dialog] = load(en);
    const anchor = dialog!.toolbarAnchor();
    expect(anchor?.append).toBe('after');
    expect((anchor!.anchor as HTMLElement).querySelector('.aoO')).not.toBeNull();
    const seen: string[] = [];
    const send = dialog!.root.querySelector('.aoO')!;
    for (const type of ['mousedown', 'mouseup', 'click']) send.addEventListener(type, () => seen.push(type));
    dialog!.triggerSend();
    expect(seen).toEqual(['mousedown', 'mouseup', 'click']);
  });

  it('ignores clicks in another composer', () => {
    const [reply, dialog] = load(en);
    const replySend = reply!.root.querySelector('.aoO')!;
    expect(sendTriggerOf(dialog!, replySend, new MouseEvent('click', { bubbles: true }))).toBeNull();
  });

  it('replaces the body and inserts at the caret saved before a dialog took focus', () => {
    const [, dialog] = load(en);
    const editor = dialog!.editor;
    const text = editor.element.querySelector('div')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 6);
    range.collapse(true);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    const caret = editor.saveCaret();
    document.getSelection()!.removeAllRanges();
    editor.insertHtml(caret, '<a href="https://x.example/">X</a>');
    expect(editor.getHtml()).toContain('Hello <a href="https://x.example/">X</a>{{recipient.firstName}}');
    let inputs = 0;
    editor.element.addEventListener('input', () => inputs++);
    editor.setHtml('<div>tracked</div>');
    expect(editor.getHtml()).toBe('<div>tracked</div>');
    expect(inputs).toBe(1);
  });
});
