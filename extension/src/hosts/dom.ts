/** DOM helpers the host adapters share: addresses in text, ancestors, what an event targets, clicks as a mouse makes them. */
import type { Recipient } from '@beacon/shared/api/messages';
import type { SendTrigger } from './types';

const EMAIL = /[A-Z0-9._%+'-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;

/** Every address in a piece of text (`"Ann" <ann@x.com>, bob@y.com`). */
export function emailsIn(text: string): string[] {
  return text.match(EMAIL) ?? [];
}

/** Unique by address, first name wins, addresses lowercased. */
export function uniqueRecipients(list: Recipient[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const recipient of list) {
    const email = recipient.email.toLowerCase();
    if (!seen.has(email)) seen.set(email, recipient.name ? { email, name: recipient.name } : { email });
  }
  return [...seen.values()];
}

/** Closest ancestor of `from` (itself included) that contains an element matching `selector`. */
export function closestContaining(from: Element, selector: string, maxDepth = 40): HTMLElement | null {
  let node: Element | null = from;
  for (let depth = 0; node && depth < maxDepth; depth++, node = node.parentElement) {
    if (node.querySelector(selector)) return node as HTMLElement;
  }
  return null;
}

/** The element an event really started on, through shadow roots. */
export function eventTarget(event: Event): Element | null {
  const path = event.composedPath();
  const first = path[0] ?? event.target;
  return first instanceof Element ? first : first instanceof Node ? first.parentElement : null;
}

export function isSendShortcut(event: Event): boolean {
  return event.type === 'keydown' && (event as KeyboardEvent).key === 'Enter' && ((event as KeyboardEvent).ctrlKey || (event as KeyboardEvent).metaKey);
}

export function isActivationKey(event: Event): boolean {
  const key = (event as KeyboardEvent).key;
  return event.type === 'keydown' && (key === 'Enter' || key === ' ') && !(event as KeyboardEvent).ctrlKey && !(event as KeyboardEvent).metaKey;
}

const POINTER_EVENTS = new Set(['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']);
export function isPointerActivation(event: Event): boolean {
  return POINTER_EVENTS.has(event.type) && ((event as MouseEvent).button ?? 0) === 0;
}

/** How a webmail composer is sent: its Send button clicked or pressed, or Ctrl/Cmd+Enter anywhere inside it. */
export function sendButtonTrigger(root: Element, sendButton: Element): (event: Event) => SendTrigger | null {
  return (event) => {
    const target = eventTarget(event);
    if (!target || !root.contains(target)) return null;
    const onSend = sendButton.contains(target);
    if (onSend && isPointerActivation(event)) return 'click';
    if (onSend && isActivationKey(event)) return 'key';
    if (isSendShortcut(event)) return 'shortcut';
    return null;
  };
}

/** A full click the way a user's mouse makes it, for hosts that act on mousedown/mouseup. */
export function simulateClick(element: HTMLElement): void {
  const view = element.ownerDocument.defaultView ?? window;
  const init = { bubbles: true, cancelable: true, composed: true, view, button: 0 };
  element.dispatchEvent(new view.MouseEvent('mousedown', init));
  element.dispatchEvent(new view.MouseEvent('mouseup', init));
  element.dispatchEvent(new view.MouseEvent('click', init));
}
