import { i18n } from '#i18n';
import type { ZodError } from 'zod';
import { CreateMessageRequestSchema, CreateMessageResponseSchema, IDEMPOTENCY_KEY_HEADER, type CreateMessageRequest } from '@beacon/shared/api/messages';
import { SuppressionSchema, type Suppression } from '@beacon/shared/api/me';
import type { Result } from '../utils/messaging';
import { callCollector, storedCredentials } from './collector-client';
import { forgetRegistration, maybeRegistered } from './forget-queue';
import { blockPixelOrigin } from './self-open-rules';
import { rememberScheduled } from './scheduled';
import { rememberSent } from './sent-records';

/** A message the collector would refuse: said before sending it, naming the first problem. */
function refused(error: ZodError) {
  const issue = error.issues[0];
  return {
    ok: false as const,
    reason: 'rejected' as const,
    message: i18n.t('collectorError.badMessage', { problem: `${issue?.path.join('.')} ${issue?.message}` }),
  };
}

/**
 * Registers a message about to be sent; the answer carries its tracked HTML. The send's key makes Chromium's own
 * resend of a request whose answer was lost, or any retry, return the same message. When no answer came, the
 * message may be registered all the same while the user sends untracked or cancels: it is withdrawn.
 */
export async function registerMessage({ key, message }: { key: string; message: CreateMessageRequest }) {
  const request = CreateMessageRequestSchema.safeParse(message);
  if (!request.success) return refused(request.error);
  const credentials = await storedCredentials();
  const result = await callCollector(CreateMessageResponseSchema, '/api/messages', {
    method: 'POST',
    body: request.data,
    headers: { [IDEMPOTENCY_KEY_HEADER]: key },
    ...(credentials ? { credentials } : {}),
  });
  if (!result.ok && credentials && maybeRegistered(result)) await forgetRegistration(key, credentials);
  if (result.ok && result.value.pixelUrl) await blockPixelOrigin(result.value.pixelUrl);
  if (result.ok && request.data.scheduledAt) await rememberScheduled(key, request.data.scheduledAt, result.value);
  if (result.ok) await rememberSent(result.value.id, request.data);
  return result;
}

/** An ESP draft tracked again after editing: the message registered under `key` takes the new content. */
export async function updateMessage({ key, message }: { key: string; message: CreateMessageRequest }) {
  const request = CreateMessageRequestSchema.safeParse(message);
  if (!request.success) return refused(request.error);
  const result = await callCollector(CreateMessageResponseSchema, `/api/messages/by-key/${encodeURIComponent(key)}`, {
    method: 'PUT',
    body: request.data,
    headers: { [IDEMPOTENCY_KEY_HEADER]: key },
  });
  if (result.ok && result.value.pixelUrl) await blockPixelOrigin(result.value.pixelUrl);
  return result;
}

/** The content script gave up waiting, or could not use the tracked HTML: the registration is not needed. */
export async function forgetMessage({ key }: { key: string }): Promise<{ ok: true }> {
  const credentials = await storedCredentials();
  if (credentials) await forgetRegistration(key, credentials);
  return { ok: true };
}

/** Which of these addresses unsubscribed from the workspace. */
export async function checkSuppressions(input: { emails: string[] }): Promise<Result<Suppression[]>> {
  const unique = [...new Set(input.emails.map((email) => email.trim().toLowerCase()))].slice(0, 50);
  const answers = await Promise.all(unique.map((email) => callCollector(SuppressionSchema, `/api/suppressions?email=${encodeURIComponent(email)}`)));
  const failure = answers.find((answer) => !answer.ok);
  if (failure && !failure.ok) return failure;
  return { ok: true, value: answers.flatMap((answer) => (answer.ok ? [answer.value] : [])) };
}
