import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { escapeHtml, notFoundPage, page, PAGE_HEADERS } from '../http/pages.ts';
import { hitFrom, recorded, trackerFor } from './core.ts';
import { trackRequest } from './ip.ts';
import { unsubscribeContext, type UnsubscribeContext } from './queries.ts';
import type { TrackToken } from './token.ts';

const isEmail = (s: string) => s.length <= 320 && z.email().safeParse(s).success;

/**
 * GET asks and changes nothing (mail scanners follow links); POST unsubscribes, from the page's form or as an
 * RFC 8058 one-click POST (`List-Unsubscribe=One-Click`). The address goes on the workspace's suppression list
 * when the events are written, a moment later; recording never waits for the database.
 */
export function unsubscribeRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const html = (body: string, status: 200 | 400 | 404 = 200) => new Response(body, { status, headers: PAGE_HEADERS });
  const verify = (c: Context) => deps.signer.verify(c.req.param('token') ?? '', ['unsubscribe']);

  app.get('/u/:token', async (c) => {
    const t = verify(c);
    if (!t) return html(notFoundPage(), 404);
    const ctx = await context(deps, t);
    return html(confirmPage(ctx, t));
  });

  app.post('/u/:token', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('Too large', 413) }), async (c) => {
    const t = verify(c);
    if (!t) return html(notFoundPage(), 404);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const oneClick = form['List-Unsubscribe'] === 'One-Click';
    const typed = typeof form.email === 'string' ? form.email.trim().toLowerCase() : '';
    const hit = hitFrom(deps, t, 'unsubscribe', trackRequest(c, deps.config.trustProxy));
    if (t.recipient === undefined) {
      if (!isEmail(typed)) {
        if (oneClick) return c.text('The address to unsubscribe is not known; use the link in the message.', 400);
        return html(confirmPage(await context(deps, t), t, 'Enter the email address to unsubscribe.'), 400);
      }
      hit.re = typed;
    }
    await recorded(trackerFor(deps), hit);
    if (oneClick) return c.text('Unsubscribed.');
    const ctx = await context(deps, t);
    const who = escapeHtml(ctx?.workspace ?? 'this sender');
    return html(page('Unsubscribed', `<h1>You are unsubscribed</h1><p>You will not get these emails from ${who} any more.</p>`));
  });
  return app;
}

/** The sender's name and recipients for the page; the page still works (more plainly) when the database is down. */
async function context(deps: AppDeps, t: TrackToken): Promise<UnsubscribeContext | undefined> {
  try {
    return await unsubscribeContext(deps.sql, t.workspaceId, t.messageId);
  } catch (e) {
    deps.log.warn('unsubscribe page without its sender name (database unavailable)', e);
    return undefined;
  }
}

function confirmPage(ctx: UnsubscribeContext | undefined, t: TrackToken, error?: string): string {
  const who = escapeHtml(ctx?.workspace ?? 'this sender');
  const email = t.recipient === undefined ? undefined : ctx?.recipients[t.recipient]?.email;
  const known = email ? `<p class="muted">Address: <strong>${escapeHtml(mask(email))}</strong></p>` : '';
  const ask =
    t.recipient === undefined
      ? `<label for="email">Your email address</label><input id="email" name="email" type="email" autocomplete="email" required>`
      : '';
  const err = error ? `<p role="alert"><strong>${escapeHtml(error)}</strong></p>` : '';
  return page(
    `Unsubscribe from ${ctx?.workspace ?? 'these emails'}`,
    `<h1>Unsubscribe from emails sent by ${who}?</h1>${known}${err}` +
      `<form method="post">${ask}<p><button type="submit">Unsubscribe</button></p></form>` +
      `<p class="muted">Nothing changes until you press the button.</p>`,
  );
}

/** `jane.doe@example.com` → `j•••@example.com`: enough to recognise, not to harvest. */
function mask(email: string): string {
  const at = email.indexOf('@');
  return at <= 0 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}
