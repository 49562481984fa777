/** For the hosts' schedule tests: the page's parts as it adds them, events as they reach a composer, a fixed clock. */
import { afterEach, beforeEach, vi } from 'vitest';

/** What the page adds when a part of its schedule dialog opens (the fixtures hold each in a <template data-popup>). */
export function openPopup(name: string): Element {
  const template = document.querySelector<HTMLTemplateElement>(`template[data-popup="${name}"]`)!;
  const element = template.content.firstElementChild!.cloneNode(true) as Element;
  document.body.append(element);
  return element;
}

/** What `read` says of an event of this type dispatched on `target` (read while it is dispatched, as the send gate does). */
export function seen<T>(read: (event: Event) => T, target: Element, type = 'click'): T | undefined {
  let answer: T | undefined;
  target.addEventListener(type, (event) => (answer = read(event)), { once: true });
  target.dispatchEvent(type === 'keydown' ? new KeyboardEvent(type, { bubbles: true, key: 'Enter' }) : new MouseEvent(type, { bubbles: true }));
  return answer;
}

export const localTime = (...parts: [number, number, number, number, number]) => new Date(...parts).getTime();

/** Each test runs on Sunday 6 December 2026 at 16:50 local time, in an empty page of no stated language. */
export function onASundayAfternoon(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 6, 16, 50));
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
    document.documentElement.lang = '';
  });
}
