import type { StreamEvent } from '@beacon/shared/api/reports';
import type { Db } from '../db/connect.ts';
import { streamEvent } from './event.ts';
import type { Viewer } from './hub.ts';
import { eventsAfter } from './queries.ts';

/**
 * What a reconnecting client is replayed at most: the last 24 hours and the newest 1,000 events after its
 * Last-Event-ID. Older gaps are for the reports, not the live feed; the bound keeps the raw-events scan to the
 * recent partitions and a long-offline client from holding a stream open with a huge backlog.
 */
export const REPLAY_MAX_AGE_MS = 24 * 60 * 60_000;
export const REPLAY_MAX_EVENTS = 1000;

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export interface Cursor {
  id: string;
  /** The milliseconds encoded in the UUIDv7: the event's own `at`. */
  ms: number;
}

/** A Last-Event-ID shaped like one of our event ids, or null (then nothing is replayed). */
export function parseCursor(raw: string | undefined | null): Cursor | null {
  const id = raw?.trim();
  if (!id || !UUID_V7.test(id)) return null;
  return { id: id.toLowerCase(), ms: parseInt(id.slice(0, 8) + id.slice(9, 13), 16) };
}

/** The viewer's events after the cursor, oldest first, within the replay bounds. */
export async function replayAfter(sql: Db, viewer: Viewer, cursor: Cursor, now: number): Promise<StreamEvent[]> {
  // An event's id encodes its `at`, so events after the cursor have `at` >= the cursor's time: only recent partitions.
  const since = new Date(Math.max(cursor.ms, now - REPLAY_MAX_AGE_MS));
  const rows = await eventsAfter(sql, viewer, cursor.id, new Date(cursor.ms), since, REPLAY_MAX_EVENTS);
  return rows.reverse().map((r) =>
    streamEvent({
      id: r.id,
      messageId: r.messageId,
      subject: r.subject,
      kind: r.kind as StreamEvent['kind'],
      classification: r.classification as StreamEvent['classification'],
      at: r.at,
      firstOpen: r.firstOpen,
      ...(r.url ? { url: r.url } : {}),
      ...(r.recipient ? { recipient: r.recipient } : {}),
    }),
  );
}
