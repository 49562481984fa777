import { watch } from 'vue';
import type { Editor } from '../hosts/types';
import type { ComposerStore } from '../stores/composer';
import { askBackground } from '../utils/messaging';

/** Keeps the Links panel in step with the body as the user types (debounced), and with the switches. */
export function syncLinks(editor: Editor, store: ComposerStore, signal: AbortSignal, bridged?: Promise<boolean>): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;

  async function refresh() {
    clearTimeout(timer);
    let html: string;
    try {
      html = editor.getHtml();
    } catch {
      return; // an editor that is being torn down
    }
    const asked = ++latest;
    const links = await askBackground('planLinks', { html, trackClicks: store.trackClicks, overrides: { ...store.overrides } }).catch(() => null);
    // Answers can cross: only the newest one describes the body.
    if (links && asked === latest && !signal.aborted) store.links = links;
  }

  editor.observe(() => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 200);
  }, signal);
  const stop = watch(
    () => [store.trackClicks, store.overrides, store.signedIn],
    () => void refresh(),
  );
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      stop();
    },
    { once: true },
  );
  void refresh();
  void bridged?.then(() => {
    if (!signal.aborted) void refresh();
  });
}
