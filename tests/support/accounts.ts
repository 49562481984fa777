import type { Role } from '@beacon/shared/api/common';
import type { Me } from '@beacon/shared/api/me';
import { CreateMessageResponseSchema, type CreateMessageRequest, type CreateMessageResponse } from '@beacon/shared/api/messages';
import { createApiToken, createUser, findUser } from '@beacon/collector/src/auth/queries.ts';
import type { TestCollector } from './collector';

/** A user of the test collector's workspace with this role (created if needed) and a fresh API token. */
export async function userToken(collector: TestCollector, email: string, role: Role): Promise<string> {
  const sql = collector.collector.deps.sql;
  const me = await collector.api<Me>('/api/me');
  const user = (await findUser(sql, me.workspace.id, email)) ?? (await createUser(sql, me.workspace.id, email, role));
  return (await createApiToken(sql, user, 'e2e')).token;
}

/** Registers a message through the API as the token's user, the way an integration without the extension would. */
export async function registerAs(
  collector: TestCollector,
  token: string,
  body: Partial<CreateMessageRequest> & { subject: string },
): Promise<CreateMessageResponse> {
  const response = await fetch(`${collector.url}/api/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      recipients: [{ email: 'buyer@example.com' }],
      html: '<p>Hello, <a href="https://acme.example/pricing">see pricing</a></p>',
      ...body,
    }),
  });
  if (response.status !== 201) throw new Error(`register ${body.subject}: ${response.status} ${await response.text()}`);
  return CreateMessageResponseSchema.parse(await response.json());
}
