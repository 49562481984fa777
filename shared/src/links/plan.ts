import { TRACKING_TYPES } from '../api/common.ts';
import type { LinkScan, PlanOptions, PlannedLink, TrackingType, UniqueLink } from './types.ts';
import { REASONS, trackingRefusal } from './validate.ts';

/**
 * A tracking type per unique URL, in first-occurrence order. Defaults: http(s) links follow `trackClicks`, except
 * those shown with a web address as their text; `{{unsubscribe_url}}` is `optout` and `{{mirror_url}}` is
 * `mirror` (always: they do not work unrewritten); everything else is `never` with a reason. An override may turn
 * any link off, and may choose the type of a trackable link, but never makes an untrackable one tracked.
 */
export function planLinks(scan: LinkScan, opts: PlanOptions): PlannedLink[] {
  const showsAddress = new Set(scan.links.filter((l) => SHOWS_ADDRESS.test(l.label)).map((l) => l.url));
  return scan.unique.map((link) => planOne(link, opts, showsAddress.has(link.url)));
}

/**
 * Link text that is itself an http(s) address. Rewritten, the text would name one host and the link go to the
 * collector's: SpamAssassin's HTTPS_HTTP_MISMATCH (and __SPOOFED_URL) and mail clients' scam warnings look for
 * exactly that, so such links stay as they are unless the sender asks (bench/deliverability measures it).
 */
const SHOWS_ADDRESS = /^https?:\/\//i;

function planOne(link: UniqueLink, opts: PlanOptions, showsAddress: boolean): PlannedLink {
  if (link.kind === 'unsubscribe') return planned(link, 'optout');
  if (link.kind === 'mirror') return planned(link, 'mirror');
  const refusal = trackingRefusal(link.kind, link.url) ?? (opts.isOwnUrl?.(link.url) ? REASONS.ownUrl : undefined);
  if (refusal !== undefined) return planned(link, 'never', refusal);
  const wanted = overrideFor(opts.overrides, link.url);
  if (wanted === 'never') return planned(link, 'never', REASONS.turnedOff);
  if (wanted) return planned(link, wanted);
  if (!opts.trackClicks) return planned(link, 'never', REASONS.clicksOff);
  return showsAddress ? planned(link, 'never', REASONS.showsAddress) : planned(link, 'tracked');
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
