import { createPinia } from 'pinia';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Composer, HostAdapter } from '../hosts/types';
import { useComposerStore } from '../stores/composer';
import { watch } from 'vue';
import { accountState } from './account-state';
import ComposerToolbar from '../components/ComposerToolbar.vue';
import ComposerOverlay from '../components/ComposerOverlay.vue';
import { createComposerActions } from './composer-actions';
import { askBackground } from '../utils/messaging';
import { mountUi } from './mount-ui';
import { syncLinks } from './links-sync';
import { syncRecipients } from './recipients-sync';
import { interceptSends } from './send-interception';
import { loadEditorBridge } from './editor-bridge-load';
import { createTrackingApplier } from './apply-tracking';
import { recallApplied } from './applied-drafts';
import { untrackCancelledDraft } from './scheduled-sends';

/** Everything Beacon does for one composer, undone when `signal` aborts (composer closed, extension reloaded). */
export async function startComposerSession(ctx: ContentScriptContext, adapter: HostAdapter, composer: Composer, signal: AbortSignal): Promise<void> {
  const pinia = createPinia();
  const store = useComposerStore(pinia);
  store.isSource = composer.editor.isSource;
  store.signedIn = accountState.signedIn;
  store.trackOpens = accountState.trackOpens;
  store.trackClicks = accountState.trackClicks;
  const stopWatching = watch(
    () => accountState.signedIn,
    (signedIn) => (store.signedIn = signedIn),
  );
  signal.addEventListener('abort', () => stopWatching(), { once: true });

  store.esp = adapter.source === 'esp';
  const tracking = store.esp ? createTrackingApplier(composer, store, adapter.source) : undefined;
  const actions = createComposerActions(composer.editor, (html) => askBackground('scanLinks', { html }), tracking);

  interceptSends(composer, store, adapter.source, signal, tracking);
  if (!store.esp) void untrackCancelledDraft(composer);

  // The toolbar first: the panels' data can follow a moment later.
  const place = composer.toolbarAnchor();
  const doc = composer.root.ownerDocument;
  const mounted = Promise.all([
    place ? mountUi(ctx, { name: 'beacon-toolbar', component: ComposerToolbar, ...place, pinia, actions }, signal) : undefined,
    mountUi(ctx, { name: 'beacon-overlay', component: ComposerOverlay, anchor: doc.body, append: 'last', pinia, actions }, signal),
  ]);
  // Until its bridge is in, a known editor is read through its DOM; the Links panel is read again once it is.
  const bridged = loadEditorBridge(composer.editor);
  // A draft tracked on an earlier visit (the ESP saved it tracked): the same message is updated, never a second.
  if (store.esp) {
    void bridged.then(async () => {
      const applied = await recallApplied(composer.editor.getHtml()).catch(() => null);
      if (applied && !signal.aborted && !store.applied) store.applied = applied;
    });
  }
  syncLinks(composer.editor, store, signal, bridged);
  syncRecipients(composer, store, signal);
  await mounted;
}
