import { askBackground } from '../utils/messaging';
import type { mailboxCard } from './mailbox-card';
import type { Mark } from './mailbox-mark';

/** Where the injected card script (entrypoints/mailbox-card.ts) leaves its factory, in the content script's world. */
export const MAILBOX_CARD_GLOBAL = '__beaconMailboxCard';
export type CardGlobal = { [MAILBOX_CARD_GLOBAL]?: typeof mailboxCard };

/**
 * The mark's card, loaded on the first click: the background injects its script into this frame (isolated world), so
 * a mailbox that is only looked at never loads it.
 */
export function lazyMailboxCard(signal: AbortSignal) {
  let card: Promise<ReturnType<typeof mailboxCard> | null> | undefined;
  async function load() {
    const global = globalThis as CardGlobal;
    if (!global[MAILBOX_CARD_GLOBAL]) {
      const loaded = await askBackground('loadMailboxCard', null).catch(() => ({ ok: false }));
      if (!loaded.ok || !global[MAILBOX_CARD_GLOBAL]) return null;
    }
    return global[MAILBOX_CARD_GLOBAL](signal);
  }
  return {
    async open(mark: Mark): Promise<void> {
      card ??= load();
      const loaded = await card;
      if (!loaded) card = undefined; // tried again at the next click
      await loaded?.open(mark);
    },
  };
}
