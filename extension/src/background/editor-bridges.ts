import { browser } from 'wxt/browser';
import { FAMILIES, type Family } from '../hosts/editors/bridge';
import type { Asker } from '../utils/messaging';

/**
 * Injects one editor family's bridge into the page's main world, in the frame that found that editor: the
 * bridges stay out of pages without their editor, and out of the content script's size.
 */
export async function loadBridge({ family }: { family: Family }, asker: Asker): Promise<{ ok: boolean }> {
  if (!FAMILIES.includes(family) || asker.tabId === undefined) return { ok: false };
  // Built from entrypoints/bridge-<family>.ts.
  const files: ScriptPublicPath[] = [`/bridge-${family}.js`];
  try {
    await browser.scripting.executeScript({ target: { tabId: asker.tabId, frameIds: [asker.frameId ?? 0] }, world: 'MAIN', files });
    return { ok: true };
  } catch {
    return { ok: false }; // the site's permission was taken back, or the frame went away
  }
}
