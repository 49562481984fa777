import { browser } from 'wxt/browser';
import type { Asker } from '../utils/messaging';

/** Injects the mark's card (entrypoints/mailbox-card.ts) into the asking frame's content-script world, on first use. */
export async function loadMailboxCard(_input: null, asker: Asker): Promise<{ ok: boolean }> {
  if (asker.tabId === undefined) return { ok: false };
  const files: ScriptPublicPath[] = ['/mailbox-card.js'];
  try {
    await browser.scripting.executeScript({ target: { tabId: asker.tabId, frameIds: [asker.frameId ?? 0] }, files });
    return { ok: true };
  } catch {
    return { ok: false }; // the tab or frame went away
  }
}
