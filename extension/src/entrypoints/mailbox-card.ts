import { mailboxCard } from '../features/mailbox-card';
import { MAILBOX_CARD_GLOBAL, type CardGlobal } from '../features/mailbox-card-load';

// Injected into the content script's world on the first click on a mark (background/mailbox-card-script.ts): the
// card (Vue and the popup's report components) stays out of the content script's size.
export default defineUnlistedScript(() => {
  (globalThis as CardGlobal)[MAILBOX_CARD_GLOBAL] = mailboxCard;
});
