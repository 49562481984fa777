import { startComposers } from '../features/start-composers';
import { MAIL_HOSTS } from '../hosts/mail-hosts';
import { mailAdapterFor } from '../hosts/index';
import { startMailbox } from '../features/start-mailbox';

export default defineContentScript({
  // The only sites Beacon reads without asking.
  matches: MAIL_HOSTS,
  // document_start: the send gate must listen before the host's own listeners.
  runAt: 'document_start',
  // The composer UI's styles come from the background (features/mount-ui.ts): nothing is web-accessible.
  cssInjectionMode: 'manual',
  main(ctx) {
    const adapter = mailAdapterFor(location.hostname);
    if (!adapter) return;
    startComposers(ctx, adapter);
    startMailbox(ctx, adapter);
  },
});
