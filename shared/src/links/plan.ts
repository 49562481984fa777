import { TRACKING_TYPES } from '../api/common.ts';
import type { LinkScan, PlanOptions, PlannedLink, TrackingType, UniqueLink } from './types.ts';
import { REASONS, trackingRefusal } from './validate.ts';

/**
 * A tracking type per unique URL, in first-occurrence order. Defaults: http(s) links follow `trackClicks`,
 * `{{unsubscribe_url}}` is `optout` and `{{mirror_url}}` is `mirror` (always: they do not work unrewritten),
 * everything else is `never` with a reason. An override may turn any link off, and may choose the type of a
 * trackable link, but never makes an untrackable one tracked.
 */
export function planLinks(scan: LinkScan, opts: PlanOptions): PlannedLink[] {
  return scan.unique.map((link) => planOne(link, opts));
}

function planOne(link: UniqueLink, opts: PlanOptions): PlannedLink {
  if (link.kind === 'unsubscribe') return planned(link, 'optout');
  if (link.kind === 'mirror') return planned(link, 'mirror');
  const refusal = trackingRefusal(link.kind, link.url) ?? (opts.isOwnUrl?.(link.url) ? REASONS.ownUrl : undefined);
  if (refusal !== undefined) return planned(link, 'never', refusal);
  const wanted = overrideFor(opts.overrides, link.url);
  if (wanted === 'never') return planned(link, 'never', REASONS.turnedOff);
  if (wanted) return planned(link, wanted);
  return opts.trackClicks ? planned(link, 'tracked') : planned(link, 'never', REASONS.clicksOff);
}

function planned(link: UniqueLink, type: TrackingType, reason?: string): PlannedLink {
  const plan: PlannedLink = { url: link.url, kind: link.kind, count: link.count, type };
  if (reason !== undefined) plan.reason = reason;
  return plan;
}

function overrideFor(overrides: PlanOptions['overrides'], url: string): TrackingType | undefined {
  if (!overrides || !Object.hasOwn(overrides, url)) return undefined;
  const type = overrides[url];
  return (TRACKING_TYPES as readonly unknown[]).includes(type) ? type : undefined;
}
