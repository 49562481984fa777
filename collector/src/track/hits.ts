import { randomUUID } from 'node:crypto';
import type { EventKind } from '@beacon/shared/api/common';
import type { Context } from 'hono';
import type { AppDeps } from '../deps.ts';
import { MAX_UA_CHARS, MAX_URL_CHARS, type Hit } from '../events/hit.ts';
import { clientIp, truncateIp } from './ip.ts';
import type { TrackToken } from './token.ts';

/** A hit from a verified token and the request; its id and time are fixed now, once. */
export function hitFrom(c: Context, deps: AppDeps, t: TrackToken, kind: EventKind): Hit {
  const hit: Hit = {
    id: randomUUID(),
    at: deps.clock.now(),
    ws: t.workspaceId,
    msg: t.messageId,
    kind,
    sent: t.sentAt,
    method: c.req.method,
    ip: truncateIp(clientIp(c, deps.config.trustProxy)),
    ua: (c.req.header('user-agent') ?? '').slice(0, MAX_UA_CHARS),
  };
  if (t.recipient !== undefined) hit.ri = t.recipient;
  if (t.link !== undefined) hit.link = t.link;
  if (t.destination !== undefined) hit.url = t.destination.slice(0, MAX_URL_CHARS);
  return hit;
}

/** Records without ever failing the response: a recipient gets the pixel or the redirect whatever happens here. */
export async function recordSafely(deps: AppDeps, hit: Hit): Promise<void> {
  try {
    await deps.events.record(hit);
  } catch (e) {
    deps.log.error(`could not spool a ${hit.kind} hit (${hit.id}); served anyway`, e);
  }
}
