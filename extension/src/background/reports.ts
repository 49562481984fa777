import { i18n } from '#i18n';
import { IdSchema } from '@beacon/shared/api/common';
import { MessageDetailSchema, MessageListSchema, MessageRecipientsSchema } from '@beacon/shared/api/messages';
import { ReportSchema, ReportScopeSchema, type Report, type ReportScope } from '@beacon/shared/api/reports';
import type { Result } from '../utils/messaging';
import { callCollector } from './collector-client';

/** Reports can take longer than a send is allowed to wait; the popup shows a spinner meanwhile. */
const REPORT_TIMEOUT_MS = 10_000;

const invalid = (message: string) => ({ ok: false as const, reason: 'rejected' as const, message });

/** Recent messages, newest first; `cursor` comes from the previous page. */
export async function listMessages(input: { limit?: number; cursor?: string; q?: string }) {
  const params = new URLSearchParams({ limit: String(Math.min(Math.max(Math.trunc(input.limit ?? 20), 1), 100)) });
  if (input.cursor) params.set('cursor', input.cursor);
  const q = input.q?.trim().slice(0, 200);
  if (q) params.set('q', q);
  return callCollector(MessageListSchema, `/api/messages?${params}`, { timeoutMs: REPORT_TIMEOUT_MS });
}

export async function getMessage(input: { id: string }) {
  if (!IdSchema.safeParse(input.id).success) return invalid(i18n.t('collectorError.notMessageId'));
  return callCollector(MessageDetailSchema, `/api/messages/${input.id}`, { timeoutMs: REPORT_TIMEOUT_MS });
}

/** A list campaign's recipients known through its merge tag: who opened, who clicked. */
export async function getRecipients(input: { id: string }) {
  if (!IdSchema.safeParse(input.id).success) return invalid(i18n.t('collectorError.notMessageId'));
  return callCollector(MessageRecipientsSchema, `/api/messages/${input.id}/recipients`, { timeoutMs: REPORT_TIMEOUT_MS });
}

export async function getReport(input: { scope: ReportScope; messageId?: string }): Promise<Result<Report>> {
  if (!ReportScopeSchema.safeParse(input.scope).success) return invalid(i18n.t('collectorError.unknownReport', { scope: String(input.scope) }));
  if (input.messageId !== undefined && !IdSchema.safeParse(input.messageId).success) return invalid(i18n.t('collectorError.notMessageId'));
  const path = input.messageId ? `/api/messages/${input.messageId}/reports/${input.scope}` : `/api/reports/${input.scope}`;
  return callCollector(ReportSchema, path, { timeoutMs: REPORT_TIMEOUT_MS });
}
