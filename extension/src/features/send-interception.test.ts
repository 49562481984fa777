import { afterEach, describe, expect, it } from 'vitest';
import { createPinia } from 'pinia';
import de from '../hosts/gmail/fixtures/compose-de.html?raw';
import { gmailAdapter } from '../hosts/gmail/adapter';
import { useComposerStore } from '../stores/composer';
import { interceptSends } from './send-interception';
import { gateWindow } from './send-gate';

const page = new AbortController();
gateWindow(window, page.signal);
let composerSignal = new AbortController();
afterEach(() => {
  composerSignal.abort();
  composerSignal = new AbortController();
  document.body.innerHTML = '';
});

/** The German Gmail composer with the host's own send handler counting what reaches it. */
function setup(state: { signedIn: boolean; trackOpens: boolean; trackClicks: boolean }) {
  document.body.innerHTML = de;
  const [composer] = gmailAdapter.findComposers(document);
  const store = useComposerStore(createPinia());
  Object.assign(store, state);
  interceptSends(composer!, store, 'gmail', composerSignal.signal);
  const reached: string[] = [];
  for (const type of ['mousedown', 'mouseup', 'click', 'keydown']) document.addEventListener(type, (e) => reached.push(e.type));
  const send = composer!.root.querySelector<HTMLElement>('.aoO')!;
  return { composer: composer!, store, reached, send };
}

function press(target: HTMLElement) {
  for (const type of ['mousedown', 'mouseup', 'click']) target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0 }));
}

describe('send interception', () => {
  it('lets the send through untouched when not signed in', () => {
    const { reached, send, store } = setup({ signedIn: false, trackOpens: true, trackClicks: true });
    press(send);
    expect(reached).toEqual(['mousedown', 'mouseup', 'click']);
    expect(store.sending).toBe(false);
  });

  it('lets the send through untouched with both switches off', () => {
    const { reached, send, composer } = setup({ signedIn: true, trackOpens: false, trackClicks: false });
    composer.editor.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
    press(send);
    expect(reached).toEqual(['keydown', 'mousedown', 'mouseup', 'click']);
  });

  it('holds every way to send while tracking: the host sees none of it', () => {
    const { reached, send, store, composer } = setup({ signedIn: true, trackOpens: true, trackClicks: false });
    press(send);
    expect(reached).toEqual([]);
    expect(store.sending).toBe(true);
    send.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    composer.editor.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', metaKey: true, bubbles: true, cancelable: true }));
    expect(reached).toEqual([]);
  });

  it('never mistakes typing in the body or clicks elsewhere for a send', () => {
    const { reached, composer, store } = setup({ signedIn: true, trackOpens: true, trackClicks: true });
    composer.editor.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    composer.editor.element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(reached).toEqual(['keydown', 'click']);
    expect(store.sending).toBe(false);
  });
});
