import { createPinia } from 'pinia';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Composer, HostAdapter } from '../hosts/types';
import { useComposerStore } from '../stores/composer';
import { accountItem, trackingDefaultsItem } from '../utils/storage';
import ComposerToolbar from '../components/ComposerToolbar.vue';
import ComposerOverlay from '../components/ComposerOverlay.vue';
import { createComposerActions } from './composer-actions';
import { askBackground } from '../utils/messaging';
import { mountUi } from './mount-ui';
import { syncLinks } from './links-sync';
import { syncRecipients } from './recipients-sync';
import { interceptSends } from './send-interception';

/** Everything Beacon does for one composer, undone when `signal` aborts (composer closed, extension reloaded). */
export async function startComposerSession(
  ctx: ContentScriptContext,
  adapter: HostAdapter,
  composer: Composer,
  signal: AbortSignal,
): Promise<void> {
  const pinia = createPinia();
  const store = useComposerStore(pinia);
  store.isSource = composer.editor.isSource;

  const [account, defaults] = await Promise.all([accountItem.getValue(), trackingDefaultsItem.getValue()]);
  store.signedIn = !!account;
  store.trackOpens = defaults.trackOpens;
  store.trackClicks = defaults.trackClicks;
  const unwatchAccount = accountItem.watch((next) => (store.signedIn = !!next));
  signal.addEventListener('abort', () => unwatchAccount(), { once: true });

  const actions = createComposerActions(composer.editor, (html) => askBackground('scanLinks', { html }));

  interceptSends(composer, store, adapter.source, signal);
  syncLinks(composer.editor, store, signal);
  syncRecipients(composer, store, signal);

  const place = composer.toolbarAnchor();
  const doc = composer.root.ownerDocument;
  await Promise.all([
    place ? mountUi(ctx, { name: 'beacon-toolbar', component: ComposerToolbar, ...place, pinia, actions }, signal) : undefined,
    mountUi(ctx, { name: 'beacon-overlay', component: ComposerOverlay, anchor: doc.body, append: 'last', pinia, actions }, signal),
  ]);
}
