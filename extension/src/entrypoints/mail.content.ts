import { startComposers } from '../features/start-composers';
import { startMailbox } from '../features/start-mailbox';

export default defineContentScript({
  matches: ['https://mail.google.com/*', 'https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
  // document_start: the send gate must listen before the host's own listeners.
  runAt: 'document_start',
  // The composer UI's styles come from the background (features/mount-ui.ts): nothing is web-accessible.
  cssInjectionMode: 'manual',
  main(ctx) {
    startComposers(ctx);
    startMailbox(ctx);
  },
});
