import { IdSchema } from '@beacon/shared/api/common';
import {
  IdempotencyKeySchema,
  type MessageRecipient,
  type MessageRecipients,
} from '@beacon/shared/api/messages';
import { Hono } from 'hono';
import type { ApiEnv } from '../auth/middleware.ts';
import type { AppDeps } from '../deps.ts';
import { fail, parseWith, readJsonBytes } from '../http/errors.ts';
import { audienceSize, firstActions, updateMessage } from './campaign-queries.ts';
import { findKeyed, findMessage } from './queries.ts';

/**
 * ESP campaigns: a draft tracked ("Apply tracking"), edited and tracked again stays one message, updated through
 * the Idempotency-Key it was registered with; and who of the list opened and clicked, through the recipient tag.
 */
export function campaignRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.put('/by-key/:key', async (c) => {
    const caller = c.get('caller');
    const key = parseWith(IdempotencyKeySchema, c.req.param('key'), 'key');
    const body = await readJsonBytes(c);
    const earlier = await findKeyed(deps.sql, caller.workspace.id, caller.user.id, key);
    if (!earlier?.message) fail('not_found', 'no message is registered with this key');
    const { id, sentAt } = earlier.message;
    // On the prepare thread, as a registration is: pixels and redirects never wait for it.
    const made = await deps.preparer.prepare({ body, sender: { workspaceId: caller.workspace.id, email: caller.user.email }, messageId: id, sentAt: sentAt.getTime() });
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
    return c.body(made.response, 200, { 'Content-Type': 'application/json' });
  });

  app.get('/:id/recipients', async (c) => {
    const caller = c.get('caller');
    const id = parseWith(IdSchema, c.req.param('id'), 'id');
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
    return c.json(body);
  });
  return app;
}
