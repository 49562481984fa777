import type { AppliedTracking } from '../stores/composer';
import { appliedDraftsItem, type AppliedDraft } from '../utils/storage';

/** Drafts kept this long after their last Apply; older entries are dropped when another is written. */
const KEEP_MS = 90 * 86_400_000;
const MAX_DRAFTS = 200;
const pageKey = () => `${location.origin}${location.pathname}`;

/** Remembers (or, with null, forgets) the tracking applied to this page's draft. */
export async function rememberApplied(applied: AppliedTracking | null): Promise<void> {
  const drafts = await appliedDraftsItem.getValue();
  const now = Date.now();
  const kept = Object.entries(drafts)
    .filter(([key, draft]) => key !== pageKey() && now - draft.at < KEEP_MS)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MAX_DRAFTS - 1);
  const next: Record<string, AppliedDraft> = Object.fromEntries(kept);
  if (applied) {
    const { key, messageId, tracked, pixelUrl, links } = applied;
    next[pageKey()] = { key, messageId, tracked, links, at: now, ...(pixelUrl ? { pixelUrl } : {}) };
  }
  await appliedDraftsItem.setValue(next);
}

/** The tracking applied earlier to this page's draft, when the draft (as the ESP saved it) still carries it. */
export async function recallApplied(html: string): Promise<AppliedTracking | null> {
  const draft = (await appliedDraftsItem.getValue())[pageKey()];
  if (!draft || !Object.keys(draft.tracked).some((url) => html.includes(url.replace(/&/g, '&amp;')) || html.includes(url))) return null;
  // Without the serialization from before Apply, Remove takes out only Beacon's hrefs and pixel.
  return { ...draft, before: '', after: '' };
}
