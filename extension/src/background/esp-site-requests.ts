import { i18n } from '#i18n';
import type { Result } from '../utils/messaging';
import { addEspSite, removeEspSite, siteOrigin } from './esp-sites';

/** The options page's ESP site list, answered as a Result so a bad address reads as a message, not an exception. */
export async function addEspSiteRequest(input: { origin: string }): Promise<Result<string[]>> {
  if (!siteOrigin(input.origin)) return { ok: false, reason: 'rejected', message: i18n.t('collectorError.notWebAddress', { input: input.origin }) };
  return { ok: true, value: await addEspSite(input.origin) };
}

export async function removeEspSiteRequest(input: { origin: string }): Promise<Result<string[]>> {
  return { ok: true, value: await removeEspSite(input.origin) };
}
