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
    const askedAt = Date.now();
    const links = await askBackground('planLinks', { html, trackClicks: store.trackClicks, overrides: { ...store.overrides } }).catch(() => null);
    // Answers can cross: only the newest one describes the body.
    if (links && asked === latest && !signal.aborted) {
      store.links = links;
      store.linksAskedAt = askedAt;
    }
  }

  editor.observe(() => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 200);
  }, signal);
  // An Apply or Remove: the rows of the draft as it is now, and an answer still on its way from before is dropped.
  const stop = watch(
    () => [store.trackClicks, store.overrides, store.signedIn, store.applied],
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
