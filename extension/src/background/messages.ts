import { CreateMessageRequestSchema, CreateMessageResponseSchema, type CreateMessageRequest } from '@beacon/shared/api/messages';
import { SuppressionSchema, type Suppression } from '@beacon/shared/api/me';
import type { Result } from '../utils/messaging';
import { callCollector } from './collector-client';
import { blockPixelOrigin } from './self-open-rules';

/** Registers a message about to be sent; the answer carries its tracked HTML. */
export async function registerMessage(input: CreateMessageRequest) {
  const request = CreateMessageRequestSchema.safeParse(input);
  if (!request.success) {
    const issue = request.error.issues[0];
    return { ok: false as const, reason: 'rejected' as const, message: `Beacon cannot register this message: ${issue?.path.join('.')} ${issue?.message}` };
  }
  const result = await callCollector(CreateMessageResponseSchema, '/api/messages', { method: 'POST', body: request.data });
  if (result.ok && result.value.pixelUrl) await blockPixelOrigin(result.value.pixelUrl);
  return result;
}

/** Which of these addresses unsubscribed from the workspace. */
export async function checkSuppressions(input: { emails: string[] }): Promise<Result<Suppression[]>> {
  const unique = [...new Set(input.emails.map((email) => email.trim().toLowerCase()))].slice(0, 50);
  const answers = await Promise.all(
    unique.map((email) => callCollector(SuppressionSchema, `/api/suppressions?email=${encodeURIComponent(email)}`)),
  );
  const failure = answers.find((answer) => !answer.ok);
  if (failure && !failure.ok) return failure;
  return { ok: true, value: answers.flatMap((answer) => (answer.ok ? [answer.value] : [])) };
}
