import type { Recipient } from '@beacon/shared/api/messages';
import { askBackground } from '../utils/messaging';

/** Addresses among `recipients` that unsubscribed from the workspace, asked fresh (used right before a send). */
export async function suppressedAmong(recipients: Recipient[]): Promise<string[]> {
  const emails = recipients.map((r) => r.email.toLowerCase());
  if (!emails.length) return [];
  const answer = await askBackground('checkSuppressions', { emails }).catch(() => null);
  return answer?.ok ? answer.value.filter((entry) => entry.suppressed).map((entry) => entry.email.toLowerCase()) : [];
}
