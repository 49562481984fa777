import { afterEach, describe, expect, it } from 'vitest';
import readingPane from './fixtures/reading-pane.html?raw';
import popoutFr from './fixtures/popout-fr.html?raw';
import { outlookAdapter } from './adapter';

afterEach(() => (document.body.innerHTML = ''));

describe('Outlook on the web adapter', () => {
  it('finds the reply composing in the reading pane, its recipients and subject', () => {
    document.body.innerHTML = readingPane;
    const [composer, ...rest] = outlookAdapter.findComposers(document);
    expect(rest).toHaveLength(0);
    expect(composer?.editor.getHtml()).toContain('https://notes.example.com/call-42');
    expect(composer?.getRecipients()).toEqual([{ email: 'frank@example.com', name: 'Frank Ocean' }]);
    expect(composer?.getSubject()).toBe('RE: Follow-up');
  });

  it('finds a French popped-out composer with two recipients, by structure only', () => {
    document.body.innerHTML = popoutFr;
    const [composer] = outlookAdapter.findComposers(document);
    expect(composer?.getRecipients().map((r) => r.email)).toEqual(['lea@exemple.fr', 'paul@exemple.fr']);
    expect(composer?.getSubject()).toBe('Proposition');
    const send = document.querySelector('button.ms-Button--primary')!;
    let trigger: string | null = null;
    send.addEventListener('click', (event) => (trigger = composer!.sendTrigger(event)));
    send.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(trigger).toBe('click');
  });

  it('sees both composers when a pop-out and a reading-pane reply are in one document', () => {
    document.body.innerHTML = readingPane + popoutFr;
    const composers = outlookAdapter.findComposers(document);
    expect(composers).toHaveLength(2);
    expect(composers[0]!.root.contains(composers[1]!.root)).toBe(false);
    expect(composers[0]!.toolbarAnchor()?.anchor.querySelector('[data-testid="ComposeSendButton"]')).not.toBeNull();
  });

  it('does not take a recipient well or the To field for the body', () => {
    document.body.innerHTML = readingPane;
    const [composer] = outlookAdapter.findComposers(document);
    expect(composer?.editor.element.getAttribute('aria-multiline')).toBe('true');
  });
});
