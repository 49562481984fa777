import { browser } from 'wxt/browser';

/** Rule ids owned by this file; nothing else writes dynamic rules. */
const DIRECT_RULE_ID = 1;
const GMAIL_PROXY_RULE_ID = 2;

/** RE2-safe literal. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The sender's own opens must not count: block this collector's pixel when this browser fetches it,
 * directly or through Gmail's image proxy (which keeps the original URL after `#`).
 */
export function selfOpenRules(collectorOrigin: string) {
  const pixel = `${escapeRegex(collectorOrigin)}/o/`;
  const resourceTypes = ['image', 'xmlhttprequest', 'other', 'media', 'object', 'ping'] as const;
  return [
    {
      id: DIRECT_RULE_ID,
      priority: 1,
      action: { type: 'block' as const },
      condition: { regexFilter: `^${pixel}`, resourceTypes: [...resourceTypes] },
    },
    {
      id: GMAIL_PROXY_RULE_ID,
      priority: 1,
      action: { type: 'block' as const },
      condition: { regexFilter: `^https://[a-z0-9-]+\\.googleusercontent\\.com/[^#]*#${pixel}`, resourceTypes: [...resourceTypes] },
    },
  ];
}

export async function updateSelfOpenRules(collectorOrigin: string | null): Promise<void> {
  const dnr = browser.declarativeNetRequest;
  await dnr.updateDynamicRules({
    removeRuleIds: [DIRECT_RULE_ID, GMAIL_PROXY_RULE_ID],
    addRules: collectorOrigin ? (selfOpenRules(collectorOrigin) as Parameters<typeof dnr.updateDynamicRules>[0]['addRules']) : [],
  });
}
