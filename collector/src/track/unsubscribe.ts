import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { createRateLimiter } from '../auth/rate-limit.ts';
import type { AppDeps } from '../deps.ts';
import { htmlPage, pageRoutes } from '../http/openapi.ts';
import { escapeHtml, notePage, notFoundPage, page, pageHeaders, pickLocale, type PageLocale } from '../http/pages.ts';
import { pageHtml, pageText } from '../http/texts/index.ts';
import { findSuppression } from '../suppressions/queries.ts';
import { hitFrom, recorded, trackerFor, trackRequestOf } from '../ingest/1-http-tracker.ts';
import { truncateIp } from '../ingest/1-http-client-ip.ts';
import { unsubscribeContext, type UnsubscribeContext } from './queries.ts';
import { tokenParams, type TrackToken } from './token.ts';

const isEmail = (s: string) => s.length <= 320 && z.email().safeParse(s).success;

const confirmation = createRoute({
  method: 'get',
  path: '/u/{token}',
  summary: 'Unsubscribe confirmation page (changes nothing)',
  request: { params: tokenParams },
  responses: { 200: htmlPage('Form'), 404: htmlPage('Invalid token') },
});

const unsubscribe = createRoute({
  method: 'post',
  path: '/u/{token}',
  summary: 'Unsubscribe (the form, or RFC 8058 `List-Unsubscribe=One-Click`)',
  request: {
    params: tokenParams,
    // Read by the handler, not validated: a page answers any form (a plain schema, so Hono adds no validator).
    body: {
      content: {
        'application/x-www-form-urlencoded': {
          schema: { type: 'object', properties: { email: { type: 'string' }, 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } } },
        },
      },
    },
  },
  middleware: [bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('Too large', 413) })] as const,
  responses: { 200: htmlPage('Unsubscribed'), 400: htmlPage('Address needed'), 404: htmlPage('Invalid token'), 429: htmlPage('Too many attempts') },
});

/**
 * GET asks and changes nothing (mail scanners follow links); POST unsubscribes, from the page's form or as an
 * RFC 8058 one-click POST (`List-Unsubscribe=One-Click`). The address goes on the workspace's suppression list
 * when the events are written, a moment later; recording never waits for the database.
 *
 * A message sent to several people shares one link, so the page asks for the address; only an address the message
 * was sent to is unsubscribed, and the answer reads the same either way (the link must not tell who else got it).
 * POSTs are rate limited per link and, for typed addresses, per network.
 */
export function unsubscribeRoutes(deps: AppDeps) {
  const app = pageRoutes();
  const perLink = createRateLimiter({ perMinute: 10, burst: 5, clock: deps.clock });
  const perNetwork = createRateLimiter({ perMinute: 20, burst: 10, clock: deps.clock });
  // Pages in the recipient's language (Accept-Language); one-click answers are for mail clients, in English.
  const localeOf = (c: Context) => pickLocale(c.req.header('accept-language'));
  const html = (locale: PageLocale, body: string, status: 200 | 400 | 404 | 429 | 503 = 200, headers: Record<string, string> = {}) =>
    new Response(body, { status, headers: { ...pageHeaders(locale), ...headers } });
  const verify = (c: Context) => deps.signer.verify(c.req.param('token') ?? '', ['unsubscribe']);

  app.openapi(confirmation, async (c) => {
    const locale = localeOf(c);
    const t = verify(c);
    if (!t) return html(locale, notFoundPage(locale), 404);
    const ctx = await context(deps, t);
    const email = knownEmail(ctx, t);
    if (email && (await suppressed(deps, t, email))) return html(locale, alreadyPage(locale, ctx, email));
    return html(locale, confirmPage(locale, ctx, t));
  });

  app.openapi(unsubscribe, async (c) => {
    const locale = localeOf(c);
    const t = verify(c);
    if (!t) return html(locale, notFoundPage(locale), 404);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const oneClick = form['List-Unsubscribe'] === 'One-Click';
    const typed = typeof form.email === 'string' ? form.email.trim().toLowerCase() : '';
    const request = trackRequestOf(c, deps.config.trustProxy);
    const limit = [perLink.take(c.req.param('token')), t.recipient === undefined ? perNetwork.take(truncateIp(request.ip)) : { ok: true as const }].find(
      (r) => !r.ok,
    );
    if (limit && !limit.ok) {
      const retry = { 'Retry-After': String(limit.retryAfter) };
      if (oneClick) return c.text('Too many requests; try again shortly.', 429, retry);
      return html(locale, notePage(locale, 'tooMany'), 429, retry);
    }
    const hit = hitFrom(deps, t, 'unsubscribe', request);
    if (t.recipient !== undefined) {
      await recorded(trackerFor(deps), hit);
      if (oneClick) return c.text('Unsubscribed.');
      const ctx = await context(deps, t);
      return html(locale, notePage(locale, 'unsubscribed', { who: who(locale, ctx) }));
    }
    if (!isEmail(typed)) {
      if (oneClick) return c.text('The address to unsubscribe is not known; use the link in the message.', 400);
      return html(locale, confirmPage(locale, await context(deps, t), t, pageText(locale, 'confirmEnterEmail')), 400);
    }
    // Only a recipient of this message may be unsubscribed through its link: that needs the message's recipients.
    const ctx = await context(deps, t);
    if (!ctx) {
      return html(locale, notePage(locale, 'unavailable'), 503, { 'Retry-After': '30' });
    }
    if (ctx.recipients.some((r) => r.email.toLowerCase() === typed) && !(await suppressed(deps, t, typed))) {
      hit.re = typed;
      await recorded(trackerFor(deps), hit);
    }
    return html(locale, notePage(locale, 'thanks', { email: escapeHtml(typed), who: who(locale, ctx) }));
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

async function suppressed(deps: AppDeps, t: TrackToken, email: string): Promise<boolean> {
  try {
    return (await findSuppression(deps.sql, t.workspaceId, email)) !== undefined;
  } catch {
    return false; // asked again rather than not at all
  }
}

const who = (locale: PageLocale, ctx: UnsubscribeContext | undefined) => escapeHtml(ctx?.workspace ?? pageText(locale, 'thisSender'));
const knownEmail = (ctx: UnsubscribeContext | undefined, t: TrackToken) => (t.recipient === undefined ? undefined : ctx?.recipients[t.recipient]?.email);

function alreadyPage(locale: PageLocale, ctx: UnsubscribeContext | undefined, email: string): string {
  return notePage(locale, 'already', { email: `<strong>${escapeHtml(mask(email))}</strong>`, who: who(locale, ctx) });
}

function confirmPage(locale: PageLocale, ctx: UnsubscribeContext | undefined, t: TrackToken, error?: string): string {
  const email = knownEmail(ctx, t);
  const known = email ? `<p class="muted">${pageHtml(locale, 'confirmAddress', { email: `<strong>${escapeHtml(mask(email))}</strong>` })}</p>` : '';
  const ask =
    t.recipient === undefined
      ? `<label for="email">${pageHtml(locale, 'confirmYourEmail')}</label><input id="email" name="email" type="email" autocomplete="email" required>`
      : '';
  const err = error ? `<p role="alert"><strong>${escapeHtml(error)}</strong></p>` : '';
  return page(
    locale,
    pageText(locale, 'confirmTitle', { who: ctx?.workspace ?? pageText(locale, 'theseEmails') }),
    `<h1>${pageHtml(locale, 'confirmHeading', { who: who(locale, ctx) })}</h1>${known}${err}` +
      `<form method="post">${ask}<p><button type="submit">${pageHtml(locale, 'confirmButton')}</button></p></form>` +
      `<p class="muted">${pageHtml(locale, 'confirmNothingYet')}</p>`,
  );
}

/** `jane.doe@example.com` → `j•••@example.com`: enough to recognise, not to harvest. */
function mask(email: string): string {
  const at = email.indexOf('@');
  return at <= 0 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}
