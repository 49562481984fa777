import { planLinks as plan, scanLinks as scan, untrackHtml, type PlannedLink, type ScannedLink, type TrackingType } from '@beacon/shared/links/index';
import { collectorUrlItem } from '../utils/storage';

/** The Links panel's rows: every unique URL with its count, type and the reason when it is not tracked. */
export async function planLinks(input: { html: string; trackClicks: boolean; overrides: Record<string, TrackingType> }): Promise<PlannedLink[]> {
  const origin = await collectorUrlItem.getValue();
  return plan(scan(input.html), {
    trackClicks: input.trackClicks,
    overrides: input.overrides,
    isOwnUrl: (url) => !!origin && url.startsWith(`${origin}/`),
  });
}

/** Every occurrence with its exact source span, for editing and locating links in HTML source editors. */
export async function scanLinks(input: { html: string }): Promise<ScannedLink[]> {
  return scan(input.html).links;
}

/** An ESP draft without Beacon's tracking (tracked hrefs back to their originals, the pixel out). */
export async function untrack(input: { html: string; tracked: Record<string, string>; pixelUrl?: string }): Promise<string> {
  return untrackHtml(input.html, input.tracked, input.pixelUrl);
}
