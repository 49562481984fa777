import { watch } from 'vue';
import type { Composer } from '../hosts/types';
import type { ComposerStore } from '../stores/composer';
import { askBackground } from '../utils/messaging';

/** Keeps the recipients (outside the body) current, and warns about addresses on the suppression list. */
export function syncRecipients(composer: Composer, store: ComposerStore, signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    const next = composer.getRecipients();
    if (JSON.stringify(next) !== JSON.stringify(store.recipients)) store.recipients = next;
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  };
  const observer = new MutationObserver(later);
  observer.observe(composer.root.closest('form') ?? composer.root, { childList: true, subtree: true, attributes: true, characterData: true });
  composer.root.ownerDocument.addEventListener('input', later, { capture: true, signal });
  composer.root.ownerDocument.addEventListener('change', later, { capture: true, signal });

  async function checkSuppressions() {
    if (!store.signedIn) return (store.suppressed = []);
    // Per composer: an address that unsubscribes while the page is open is seen by the next composer.
    const emails = store.recipients.map((r) => r.email.toLowerCase());
    const unknown = emails.filter((email) => !(email in store.suppressionChecked));
    if (unknown.length) {
      const answer = await askBackground('checkSuppressions', { emails: unknown }).catch(() => null);
      if (answer?.ok) {
        const next = { ...store.suppressionChecked };
        for (const entry of answer.value) next[entry.email.toLowerCase()] = entry.suppressed;
        store.suppressionChecked = next;
      }
    }
    if (!signal.aborted) store.suppressed = emails.filter((email) => store.suppressionChecked[email]);
  }
  const stop = watch(
    () => [store.recipients, store.signedIn],
    () => void checkSuppressions(),
  );
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(timer);
      stop();
    },
    { once: true },
  );
  refresh();
  void checkSuppressions();
}
