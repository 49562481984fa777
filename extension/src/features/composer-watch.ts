import type { Composer, HostAdapter } from '../hosts/types';

/**
 * Calls `onAppear` for each composer as it appears, with a signal that aborts when it disappears
 * (or when `signal` aborts). Composers are told apart by their body element, or for an editor of a known
 * family by its box (some write a new body when their content is set: still the same composer).
 */
const identity = (composer: Composer): HTMLElement => (composer.editor.family ? composer.root : composer.editor.element);

export function watchComposers(adapter: HostAdapter, doc: Document, signal: AbortSignal, onAppear: (composer: Composer, signal: AbortSignal) => void): void {
  const live = new Map<HTMLElement, AbortController>();
  let scheduled = false;

  function scan() {
    scheduled = false;
    if (signal.aborted) return;
    const found = adapter.findComposers(doc);
    const bodies = new Set(found.map(identity));
    for (const [body, controller] of live) {
      if (!bodies.has(body) || !body.isConnected) {
        controller.abort();
        live.delete(body);
      }
    }
    for (const composer of found) {
      if (live.has(identity(composer))) continue;
      const controller = new AbortController();
      live.set(identity(composer), controller);
      onAppear(composer, controller.signal);
    }
  }

  // One scan per burst of mutations, soon enough for the toolbar to show within a frame or two.
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(scan);
  }

  const observer = new MutationObserver(schedule);
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable', 'g_editable'] });
  // Editors inside iframes appear when the frame loads, which no mutation of this document shows.
  doc.addEventListener('load', schedule, { capture: true, signal });
  const interval = setInterval(schedule, 1000);
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearInterval(interval);
      for (const controller of live.values()) controller.abort();
      live.clear();
    },
    { once: true },
  );
  scan();
}
