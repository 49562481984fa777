import { createApp, type Component } from 'vue';
import type { Pinia } from 'pinia';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { composerActionsKey, type ComposerActions } from './composer-actions';

interface MountOptions {
  name: string;
  component: Component;
  anchor: Element;
  append: 'first' | 'last' | 'before' | 'after';
  pinia: Pinia;
  actions: ComposerActions;
}

/** One Vue app in its own shadow root; keyboard events stay inside so typing in it never reaches the host. */
export async function mountUi(ctx: ContentScriptContext, options: MountOptions, signal: AbortSignal): Promise<void> {
  const ui = await createShadowRootUi(ctx, {
    name: options.name,
    position: 'inline',
    anchor: options.anchor,
    append: options.append,
    isolateEvents: ['keydown', 'keyup', 'keypress', 'input', 'beforeinput', 'paste', 'copy', 'cut'],
    onMount(container) {
      const app = createApp(options.component);
      app.use(options.pinia);
      app.provide(composerActionsKey, options.actions);
      app.mount(container);
      return app;
    },
    onRemove(app) {
      app?.unmount();
    },
  });
  if (signal.aborted) return;
  ui.mount();
  signal.addEventListener('abort', () => ui.remove(), { once: true });
}
