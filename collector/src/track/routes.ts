import { expandTemplate, parseHttpUrl, tagValuesFromQuery } from '@beacon/shared/links/index';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { notFoundPage, PAGE_HEADERS } from '../http/pages.ts';
import { createBurstDetector } from './burst.ts';
import { PIXEL_GIF, PIXEL_HEADERS } from './gif.ts';
import { hitFrom, recordSafely } from './hits.ts';
import { mirrorRoutes } from './mirror.ts';
import type { TrackToken } from './token.ts';
import { unsubscribeRoutes } from './unsubscribe.ts';

/** The public endpoints in recipients' mail: nothing here needs the database to answer, except the pages. */
export function trackRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const bursts = createBurstDetector();
  const redirect = (location: string) =>
    new Response(null, {
      status: 302,
      headers: { Location: location, 'Cache-Control': 'no-store, private', 'Referrer-Policy': 'no-referrer' },
    });
  const notFound = () => new Response(notFoundPage(), { status: 404, headers: PAGE_HEADERS });

  app.get('/o/:token', async (c) => {
    const t = deps.signer.verify(c.req.param('token').replace(/\.gif$/, ''), ['open']);
    if (t) await recordSafely(deps, hitFrom(c, deps, t, 'open'));
    return new Response(PIXEL_GIF, { headers: PIXEL_HEADERS });
  });

  app.get('/c/:token', async (c) => {
    const t = deps.signer.verify(c.req.param('token'), ['click', 'optout', 'mirror-link']);
    if (!t) return notFound();
    const sibling = (kind: TrackToken['kind']) => {
      const { link: _l, destination: _d, ...base } = t;
      return deps.signer.sign({ ...base, kind });
    };
    if (t.kind === 'mirror-link') return redirect(`${deps.config.publicUrl}/m/${sibling('mirror')}`); // /m/ records the view
    const hit = hitFrom(c, deps, t, 'click');
    if (t.kind === 'optout') {
      hit.linkType = 'optout';
      await recordSafely(deps, hit);
      return redirect(`${deps.config.publicUrl}/u/${sibling('unsubscribe')}`);
    }
    const query = new URL(c.req.url).search;
    const { url, email } = destination(t.destination ?? '', query);
    if (!url) return notFound();
    hit.linkType = 'tracked';
    if (email && hit.ri === undefined) hit.re = email;
    if (c.req.method === 'GET' && bursts.hit(hit.ip, hit.msg, hit.link ?? 0, hit.at)) hit.burst = true;
    await recordSafely(deps, hit);
    return redirect(url);
  });

  app.route('/', mirrorRoutes(deps));
  app.route('/', unsubscribeRoutes(deps));
  return app;
}

const EMAIL = z.email();
const SLOT = /\{\{(\d+)\}\}/g;

/**
 * The signed template with the ESP's merge-tag values from the query filled in. Values can only fill slots:
 * a result with another origin is refused, and then the link goes to the template with its slots left empty.
 */
export function destination(template: string, query: string): { url: string | null; email?: string } {
  const slots = [...template.matchAll(SLOT)].map((m) => Number(m[1]));
  if (slots.length === 0) return { url: parseHttpUrl(template) ? template : null };
  const count = Math.max(...slots) + 1;
  const values = tagValuesFromQuery(query, count);
  const url = expandTemplate(template, values) ?? expandTemplate(template, values.map(() => ''));
  const email = values.find((v) => v.length <= 320 && EMAIL.safeParse(v).success);
  return email ? { url, email } : { url };
}
