import {
  CreateMessageRequestSchema,
  MessageRecipientsSchema,
  type CreateMessageResponse as CreateMessageResponseBody,
  type MessageRecipient,
  type MessageRecipients,
} from '@beacon/shared/api/messages';
import { createRoute } from '@hono/zod-openapi';
import type { ApiEnv } from '../auth/middleware.ts';
import type { AppDeps } from '../deps.ts';
import { fail, readJsonBytes } from '../http/errors.ts';
import { errors, json, named, openApiRoutes, preparedJson, secured, unparsedJsonBody } from '../http/openapi.ts';
import { audienceSize, firstActions, updateMessage } from './campaign-queries.ts';
import { findKeyed, findMessage } from './queries.ts';
import { CreateMessageResponse, idParams, keyParams } from './api.ts';

const update = createRoute({
  method: 'put',
  path: '/by-key/{key}',
  summary: "Replace the content of the caller's message registered with this key (an ESP draft tracked again): same id and counters",
  ...secured,
  request: { params: keyParams },
  responses: { 200: json(CreateMessageResponse, 'The message, tracked anew'), ...errors(400, 401, 404, 409, 413, 415, 429) },
});

const recipients = createRoute({
  method: 'get',
  path: '/{id}/recipients',
  summary: "Who of a list campaign opened and who clicked, known through its recipient merge tag (the sender's own, or any for managers)",
  ...secured,
  request: { params: idParams },
  responses: { 200: json(named(MessageRecipientsSchema, 'MessageRecipients'), 'Recipients reached'), ...errors(400, 401, 404, 429) },
});

/**
 * ESP campaigns: a draft tracked ("Apply tracking"), edited and tracked again stays one message, updated through
 * the Idempotency-Key it was registered with; and who of the list opened and clicked, through the recipient tag.
 */
export function campaignRoutes(deps: AppDeps) {
  const app = openApiRoutes<ApiEnv>();

  // The body is read as bytes, not parsed here: see unparsedJsonBody.
  app.openapi({ ...update, request: { ...update.request, body: unparsedJsonBody(app, 'CreateMessageRequest', CreateMessageRequestSchema) } }, async (c) => {
    const caller = c.get('caller');
    const { key } = c.req.valid('param');
    const body = await readJsonBytes(c);
    const earlier = await findKeyed(deps.sql, caller.workspace.id, caller.user.id, key);
    if (!earlier?.message) fail('not_found', 'no message is registered with this key');
    const { id, sentAt } = earlier.message;
    // On the prepare thread, as a registration is: pixels and redirects never wait for it.
    const made = await deps.preparer.prepare({
      body,
      sender: { workspaceId: caller.workspace.id, email: caller.user.email },
      messageId: id,
      sentAt: sentAt.getTime(),
      stored: true,
    });
    const req = made.request;
    // The recipients' count is in the sent counters: an update keeps it (a list campaign has none).
    if (earlier.message.recipients !== req.recipients.length) fail('conflict', 'an update keeps the number of recipients');
    await deps.sql.begin((tx) =>
      updateMessage(tx, {
        workspaceId: caller.workspace.id,
        userId: caller.user.id,
        id,
        key,
        requestHash: made.requestHash,
        subject: req.subject,
        recipients: req.recipients,
        trackOpens: req.trackOpens,
        trackClicks: req.trackClicks,
        links: made.links,
        html: made.html,
        audienceSize: req.audienceSize ?? null,
      }),
    );
    return preparedJson<CreateMessageResponseBody, 200>(c, made.response, 200);
  });

  app.openapi(recipients, async (c) => {
    const caller = c.get('caller');
    const { id } = c.req.valid('param');
    const row = await findMessage(deps.sql, caller, id); // the sender's own, or any for managers
    if (!row) fail('not_found', 'no such message');
    const byEmail = new Map<string, MessageRecipient>();
    for (const action of await firstActions(deps.sql, caller.workspace.id, id)) {
      const email = action.recipientKey.startsWith('e:') ? action.recipientKey.slice(2) : row.recipients[Number(action.recipientKey.slice(2))]?.email;
      if (!email) continue;
      const entry = byEmail.get(email) ?? { email, openedAt: null, clickedAt: null };
      if (action.kind === 'open') entry.openedAt ??= action.at.toISOString();
      else entry.clickedAt ??= action.at.toISOString();
      byEmail.set(email, entry);
    }
    const size = await audienceSize(deps.sql, caller.workspace.id, id);
    const body: MessageRecipients = {
      audienceSize: size,
      reached: byEmail.size,
      reachRate: size ? byEmail.size / size : null,
      recipients: [...byEmail.values()].sort((a, b) => a.email.localeCompare(b.email)),
    };
    return c.json(body, 200);
  });
  return app;
}
