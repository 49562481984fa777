import { i18n } from '#i18n';
import type { Recipient } from '@beacon/shared/api/messages';
import { askBackground, type Failure } from '../utils/messaging';

/** Addresses among `recipients` that unsubscribed from the workspace, asked fresh (right before a send). */
export async function suppressedAmong(recipients: Recipient[]): Promise<{ ok: true; suppressed: string[] } | Failure> {
  const emails = recipients.map((r) => r.email.toLowerCase());
  if (!emails.length) return { ok: true, suppressed: [] };
  const answer = await askBackground('checkSuppressions', { emails }).catch(
    (): Failure => ({ ok: false, reason: 'unreachable', message: i18n.t('collectorError.noAnswer') }),
  );
  if (!answer.ok) return answer;
  return { ok: true, suppressed: answer.value.filter((entry) => entry.suppressed).map((entry) => entry.email.toLowerCase()) };
}
