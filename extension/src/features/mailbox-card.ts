import { createApp, reactive } from 'vue';
import MailboxCard from '../components/MailboxCard.vue';
import { askBackground } from '../utils/messaging';
import type { Mark } from './mailbox-mark';
import type { MailboxCardState } from './mailbox-card-state';
import { loadUiCss } from './mount-ui';

const CARD_WIDTH = 340;

/**
 * One card per page, in its own shadow root at the end of the body (position: fixed, so nothing of the host moves).
 * Its figures are the popup's: the same global report request (getReport), so the two always agree.
 */
export function mailboxCard(signal: AbortSignal) {
  const state = reactive<MailboxCardState>({ id: '', top: 0, left: 0, report: null, error: null });
  let opener: Mark | null = null;
  let host: HTMLElement | null = null;

  async function mount(): Promise<void> {
    host = document.createElement('div');
    host.setAttribute('data-beacon-card', '');
    host.setAttribute('style', 'all:initial!important;');
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = (await loadUiCss()).replaceAll(':root', ':host');
    const container = document.createElement('div');
    root.append(style, container);
    // Typing in the card never reaches the host's shortcuts.
    for (const type of ['keydown', 'keyup', 'keypress']) container.addEventListener(type, (e) => e.stopPropagation());
    document.body.append(host);
    const app = createApp(MailboxCard, { state, onClose: close, onOpenReport: (id: string) => void askBackground('openReport', { id }) });
    app.mount(container);
    signal.addEventListener(
      'abort',
      () => {
        app.unmount();
        host?.remove();
      },
      { once: true },
    );
  }

  function close(): void {
    if (!state.id) return;
    state.id = '';
    opener?.button.setAttribute('aria-expanded', 'false');
    opener?.button.focus();
    opener = null;
  }

  async function open(mark: Mark): Promise<void> {
    if (!mark.status) return;
    if (state.id === mark.status.id && opener === mark) return close();
    if (!host) await mount();
    opener?.button.setAttribute('aria-expanded', 'false');
    opener = mark;
    const rect = mark.button.getBoundingClientRect();
    Object.assign(state, {
      id: mark.status.id,
      top: Math.round(rect.bottom + 4),
      left: Math.round(Math.max(8, Math.min(rect.left, innerWidth - CARD_WIDTH - 8))),
      report: null,
      error: null,
    });
    mark.button.setAttribute('aria-expanded', 'true');
    const id = mark.status.id;
    const result = await askBackground('getReport', { scope: 'global', messageId: id });
    if (state.id !== id) return; // closed, or another mark's card, meanwhile
    if (result.ok) state.report = result.value;
    else state.error = result.message;
  }

  // A click anywhere else closes the card, as a popover does.
  document.addEventListener(
    'mousedown',
    (e) => {
      if (state.id && host && !e.composedPath().includes(host) && !(opener && e.composedPath().includes(opener.host))) close();
    },
    { signal, capture: true },
  );

  return { open, close };
}
