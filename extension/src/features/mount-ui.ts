import { createApp, type Component } from 'vue';
import type { Pinia } from 'pinia';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { askBackground } from '../utils/messaging';
import type { StyledEntrypoint } from '../background/composer-styles';
import { composerActionsKey, type ComposerActions } from './composer-actions';

interface MountOptions {
  name: string;
  component: Component;
  anchor: Element;
  append: 'first' | 'last' | 'before' | 'after';
  pinia: Pinia;
  actions: ComposerActions;
}

let uiCss: Promise<string> | undefined;

/** The entrypoint's component styles, asked for once per page rather than once per shadow root. */
export function loadUiCss(): Promise<string> {
  uiCss ??= askBackground('composerStyles', { entrypoint: import.meta.env.ENTRYPOINT as StyledEntrypoint }).catch(() => '');
  return uiCss;
}

/** One Vue app in its own shadow root; keyboard events stay inside so typing in it never reaches the host. */
export async function mountUi(ctx: ContentScriptContext, options: MountOptions, signal: AbortSignal): Promise<void> {
  const css = await loadUiCss();
  // WXT would fetch the CSS again for every UI when it injects it itself ('ui' mode): hand it over instead.
  const manualCss = Object.create(ctx, { options: { value: { ...ctx.options, cssInjectionMode: 'manual' } } }) as ContentScriptContext;
  const ui = await createShadowRootUi(manualCss, {
    name: options.name,
    css: css.replaceAll(':root', ':host'),
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
