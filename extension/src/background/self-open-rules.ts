import { browser } from 'wxt/browser';

import { pixelOriginsItem } from '../utils/storage';

/** Only this file writes dynamic rules: two per origin, ids from 1. */

/** RE2-safe literal. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The sender's own opens must not count: block this collector's pixel when this browser fetches it,
 * directly or through Gmail's image proxy (which keeps the original URL after `#`).
 */
export function selfOpenRules(collectorOrigin: string, firstId = 1) {
  const pixel = `${escapeRegex(collectorOrigin)}/o/`;
  const resourceTypes = ['image', 'xmlhttprequest', 'other', 'media', 'object', 'ping'] as const;
  return [
    {
      id: firstId,
      priority: 1,
      action: { type: 'block' as const },
      condition: { regexFilter: `^${pixel}`, resourceTypes: [...resourceTypes] },
    },
    {
      id: firstId + 1,
      priority: 1,
      action: { type: 'block' as const },
      condition: { regexFilter: `^https://[a-z0-9-]+\\.googleusercontent\\.com/[^#]*#${pixel}`, resourceTypes: [...resourceTypes] },
    },
  ];
}

type AddRules = Parameters<typeof browser.declarativeNetRequest.updateDynamicRules>[0]['addRules'];

/** Replaces the rules with ones for exactly these origins (none when signed out). */
export async function updateSelfOpenRules(origins: string[]): Promise<void> {
  const dnr = browser.declarativeNetRequest;
  const unique = [...new Set(origins)];
  await pixelOriginsItem.setValue(unique);
  const existing = await dnr.getDynamicRules();
  await dnr.updateDynamicRules({
    removeRuleIds: existing.map((rule) => rule.id),
    addRules: unique.flatMap((origin, i) => selfOpenRules(origin, 1 + 2 * i)) as AddRules,
  });
}

/** Pixels may be served from a public URL other than the API's: block that origin too once seen. */
export async function blockPixelOrigin(pixelUrl: string): Promise<void> {
  let origin: string;
  try {
    origin = new URL(pixelUrl).origin;
  } catch {
    return;
  }
  const origins = await pixelOriginsItem.getValue();
  if (!origins.includes(origin)) await updateSelfOpenRules([...origins, origin]);
}
