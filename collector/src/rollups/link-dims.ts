import { BEACON_PLACEHOLDERS } from '@beacon/shared/links/index';
import type { ReportLink } from '@beacon/shared/api/reports';

/**
 * How a link's clicks are keyed in the rollups (the `link` and `ulink` dims): a tracked link by its URL, the
 * others by their type and URL, so a report can tell `{{unsubscribe_url}}`, mirror-page links and the brand's own
 * opt-out pages from the links whose clicks the Clicks total counts. Tracked URLs are http(s), so never begin so.
 */
export function linkDim(linkType: string | undefined, url: string): string {
  return linkType === 'optout' || linkType === 'mirror' ? `${linkType} ${url}` : url;
}

export function linkOfDim(dim: string): Pick<ReportLink, 'url' | 'type'> {
  if (dim.startsWith('mirror ')) return { url: dim.slice(7), type: 'mirror' };
  if (dim.startsWith('optout ')) {
    const url = dim.slice(7);
    return { url, type: url === BEACON_PLACEHOLDERS.unsubscribe ? 'unsubscribe' : 'optout' };
  }
  return { url: dim, type: 'tracked' };
}

/** A brand's opt-out page, as opposed to `{{unsubscribe_url}}` (Beacon's page, counted as unsubscribes there). */
export const isOptOutPage = (linkType: string | undefined, url: string | undefined) => linkType === 'optout' && url !== BEACON_PLACEHOLDERS.unsubscribe;
