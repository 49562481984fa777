import { i18n } from '#i18n';
import { MeSchema, type Me } from '@beacon/shared/api/me';
import { accountItem, apiTokenItem, collectorUrlItem } from '../utils/storage';
import type { Result } from '../utils/messaging';
import { callCollector, normalizeCollectorUrl } from './collector-client';
import { updateSelfOpenRules } from './self-open-rules';

/** Checks the URL and token against GET /api/me and keeps them only when the collector accepts them. */
export async function signIn(input: { collectorUrl: string; token: string }): Promise<Result<Me>> {
  const collectorUrl = normalizeCollectorUrl(input.collectorUrl);
  if (!collectorUrl) return { ok: false, reason: 'rejected', message: i18n.t('options.account.urlMissing') };
  const token = input.token.trim();
  if (!token) return { ok: false, reason: 'unauthorized', message: i18n.t('options.account.tokenMissing') };
  const me = await callCollector(MeSchema, '/api/me', { credentials: { collectorUrl, token } });
  if (!me.ok) return me;
  await Promise.all([collectorUrlItem.setValue(collectorUrl), apiTokenItem.setValue(token), accountItem.setValue(me.value)]);
  await updateSelfOpenRules([collectorUrl]);
  return me;
}

export async function signOut(): Promise<{ ok: true }> {
  await Promise.all([apiTokenItem.removeValue(), accountItem.removeValue()]);
  await updateSelfOpenRules([]);
  return { ok: true };
}
