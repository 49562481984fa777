import type { EventKind } from '@beacon/shared/api/common';
import { expandTemplate, normalizeHttpUrl, recipientFromQuery, tagValuesFromQuery } from '@beacon/shared/links/index';
import { storableText } from '@beacon/shared/text';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { MAX_UA_CHARS, MAX_URL_CHARS, type Hit } from './hit.ts';
import { memoize } from '../memo.ts';
import { uuidv7 } from './1-http-hit-ids.ts';
import { createBurstDetector } from './1-http-bursts.ts';
import { clientIp, truncateIp } from './1-http-client-ip.ts';
import type { TrackToken } from '../track/token.ts';

/** What the pixel and the redirect need from a request, whichever server path it came through. */
export interface TrackRequest {
  method: string;
  ua: string;
  ip: string | undefined;
  /** Raw query string with its `?`, or ''. */
  query: string;
}

/** A TrackRequest from a Hono request (the mirror and unsubscribe pages). */
export function trackRequestOf(c: Context, trustProxy: boolean): TrackRequest {
  const q = c.req.url.indexOf('?');
  return {
    method: c.req.method,
    ua: c.req.header('user-agent') ?? '',
    ip: clientIp(c, trustProxy),
    query: q < 0 ? '' : c.req.url.slice(q),
  };
}

export type ClickOutcome = { location: string; hit?: Hit } | null;

export interface Tracker {
  /** The open to record for a pixel request, or null for an invalid token (the GIF is served either way). */
  pixel(raw: string, req: TrackRequest): Hit | null;
  /** Where a click goes and what to record; null for an invalid token (404, no redirect). */
  click(raw: string, req: TrackRequest): ClickOutcome;
  /**
   * Calls `then` once the hit is durable, or once its failure is logged: the recipient gets the pixel or the
   * redirect whatever happens.
   */
  record(hit: Hit, then: () => void): void;
}

/** `record` for code that awaits (the Hono routes). */
export const recorded = (tracker: Tracker, hit: Hit) => new Promise<void>((then) => tracker.record(hit, then));

const trackers = new WeakMap<AppDeps, Tracker>();

/** One tracker per app (its burst memory is shared by the Hono routes and the fast path). */
export function trackerFor(deps: AppDeps): Tracker {
  let t = trackers.get(deps);
  if (!t) trackers.set(deps, (t = createTracker(deps)));
  return t;
}

function createTracker(deps: AppDeps): Tracker {
  const bursts = createBurstDetector();
  const sibling = (t: TrackToken, kind: 'mirror' | 'unsubscribe') => {
    const { link: _l, destination: _d, ...base } = t;
    return `${deps.config.publicUrl}/${kind === 'mirror' ? 'm' : 'u'}/${deps.signer.sign({ ...base, kind })}`;
  };
  return {
    pixel(raw, req) {
      const t = deps.signer.verify(raw.endsWith('.gif') ? raw.slice(0, -4) : raw, ['open']);
      if (!t) return null;
      const hit = hitFrom(deps, t, 'open', req);
      const email = hit.ri === undefined ? listRecipient(req.query) : undefined;
      if (email) hit.re = email;
      return hit;
    },
    click(raw, req) {
      const t = deps.signer.verify(raw, ['click', 'optout', 'mirror-link']);
      if (!t) return null;
      const hit = hitFrom(deps, t, 'click', req);
      if (req.method === 'GET' && bursts.hit(hit.ip, hit.msg, hit.link ?? 0, hit.at)) hit.burst = true;
      // `{{mirror_url}}` and `{{unsubscribe_url}}` lead to Beacon's own pages (the mirror page records the view).
      if (t.kind === 'mirror-link') return { location: sibling(t, 'mirror'), hit: { ...hit, linkType: 'mirror' } };
      if (t.kind === 'optout' && t.destination === undefined) return { location: sibling(t, 'unsubscribe'), hit: { ...hit, linkType: 'optout' } };
      const { url, email } = destination(t.destination ?? '', req.query);
      if (!url) return null;
      hit.linkType = t.kind === 'optout' ? 'optout' : 'tracked';
      const re = hit.ri === undefined ? (email ?? listRecipient(req.query)) : undefined;
      if (re) hit.re = re;
      return { location: url, hit };
    },
    record(hit, then) {
      const failed = (e: unknown) => deps.log.error(`could not spool a ${hit.kind} hit (${hit.id}); served anyway`, e);
      try {
        deps.events.record(hit, (e) => {
          if (e) failed(e);
          then();
        });
      } catch (e) {
        failed(e);
        then();
      }
    },
  };
}

/** A hit from a verified token and the request; its id and time are fixed now, once. */
export function hitFrom(deps: AppDeps, t: TrackToken, kind: EventKind, req: Omit<TrackRequest, 'query'>): Hit {
  const at = deps.clock.now();
  const hit: Hit = {
    id: uuidv7(at),
    at,
    ws: t.workspaceId,
    msg: t.messageId,
    kind,
    sent: t.sentAt,
    method: req.method,
    ip: truncateIp(req.ip),
    ua: storableText(req.ua, MAX_UA_CHARS),
  };
  if (t.recipient !== undefined) hit.ri = t.recipient;
  if (t.link !== undefined) hit.link = t.link;
  if (t.destination !== undefined) hit.url = storableText(t.destination, MAX_URL_CHARS);
  return hit;
}

const EMAIL = z.email();
const isEmail = (v: string) => v.length <= 320 && EMAIL.safeParse(v).success;

/** A list campaign's recipient, from the `r=` its ESP filled in (prepare.ts); anything but an address is ignored. */
function listRecipient(query: string): string | undefined {
  const value = query === '' ? '' : recipientFromQuery(query);
  return value !== '' && isEmail(value) ? value : undefined;
}
const SLOT = /\{\{(\d+)\}\}/g;
/**
 * How many merge-tag slots a template has (the highest index + 1), and whether it is an http(s) URL as it stands.
 * Signed templates were checked when the message was registered; the same few come back click after click, so
 * this is kept per template.
 */
const templateInfo = memoize(10_000, (template) => ({
  slots: Math.max(0, ...[...template.matchAll(SLOT)].map((m) => Number(m[1]) + 1)),
  href: normalizeHttpUrl(template),
}));

/**
 * Where a click goes: the signed template with the ESP's merge-tag values from the query filled in, as the parsed
 * URL's href (printable ASCII, whatever the template or the values hold: tokens signed before destinations were
 * stored normalized hold raw text). Values can only fill slots: a result with another origin is refused, and then
 * the link goes to the template with its slots left empty.
 */
export function destination(template: string, query: string): { url: string | null; email?: string } {
  const { slots, href } = templateInfo(template);
  if (slots === 0) return { url: href };
  const values = tagValuesFromQuery(query, slots);
  const url =
    expandTemplate(template, values) ??
    expandTemplate(
      template,
      values.map(() => ''),
    );
  const email = values.find(isEmail);
  return email ? { url, email } : { url };
}
