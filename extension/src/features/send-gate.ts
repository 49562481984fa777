/** Every way to send, as the events a host reacts to. */
export const SEND_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'keydown', 'submit'] as const;

type Handler = (event: Event) => void;
const handlers = new Set<Handler>();
const gated = new WeakSet<Window>();

function dispatch(event: Event) {
  for (const handler of handlers) {
    handler(event);
    if (event.defaultPrevented && event.cancelBubble) return;
  }
}

/**
 * Listens on a window in the capture phase, before the host's own listeners when installed early
 * (the mail content script runs at document_start), and hands each event to the live composers.
 */
export function gateWindow(view: Window | null, signal: AbortSignal): void {
  if (!view || gated.has(view)) return;
  gated.add(view);
  for (const type of SEND_EVENTS) view.addEventListener(type, dispatch, { capture: true, signal });
  signal.addEventListener('abort', () => gated.delete(view), { once: true });
}

export function addSendHandler(handler: Handler, signal: AbortSignal): void {
  handlers.add(handler);
  signal.addEventListener('abort', () => handlers.delete(handler), { once: true });
}
