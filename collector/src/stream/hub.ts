import type { StreamEvent } from '@beacon/shared/api/reports';

/** A new event on its way to the SSE clients that may see it: the workspace's managers and admins, and its sender. */
export interface Envelope {
  ws: string;
  user: string | null;
  event: StreamEvent;
}

/** Whose events a stream shows: the workspace's, or for a rep (`user` set) only their own messages'. */
export interface Viewer {
  ws: string;
  user: string | null;
}

export function viewerOf(caller: { workspace: { id: string }; user: { id: string; role: string } }): Viewer {
  return { ws: caller.workspace.id, user: caller.user.role === 'rep' ? caller.user.id : null };
}

/** The stream's visibility rule; the replay query (queries.ts) applies the same one in SQL. */
export function sees(v: Viewer, e: Pick<Envelope, 'ws' | 'user'>): boolean {
  return e.ws === v.ws && (v.user === null || e.user === v.user);
}

export interface Subscriber extends Viewer {
  /** The API token the stream was opened with, and its user: checked again while the stream is open. */
  tokenId: string;
  userId: string;
  send(events: StreamEvent[]): void;
  close(): void;
}

export interface Hub {
  subscribe(s: Subscriber): () => void;
  publish(envelopes: Envelope[]): void;
  subscribers(): Subscriber[];
  /** Workspaces with at least one stream open here. */
  workspaces(): Set<string>;
  /** Ends every stream (shutdown), so the server can close. */
  closeAll(): void;
}

export function createHub(): Hub {
  const subs = new Set<Subscriber>();
  return {
    subscribe(s) {
      subs.add(s);
      return () => subs.delete(s);
    },
    publish(envelopes) {
      if (subs.size === 0 || envelopes.length === 0) return;
      for (const s of subs) {
        const mine = envelopes.filter((e) => sees(s, e)).map((e) => e.event);
        if (mine.length > 0) s.send(mine);
      }
    },
    subscribers: () => [...subs],
    workspaces: () => new Set([...subs].map((s) => s.ws)),
    closeAll() {
      for (const s of [...subs]) s.close();
      subs.clear();
    },
  };
}

export const NOTIFY_CHANNEL = 'beacon_events';
const MAX_NOTIFY_BYTES = 7000; // Postgres refuses NOTIFY payloads of 8000 bytes or more

/** Envelopes as NOTIFY payloads (`{"o": origin, "e": [...]}`), each under the size limit. */
export function toNotifyPayloads(origin: string, envelopes: Envelope[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const head = `{"o":${JSON.stringify(origin)},"e":[`;
  const wrap = (items: string[]) => `${head}${items.join(',')}]}`;
  let size = head.length + 2;
  for (const e of envelopes) {
    const json = JSON.stringify(e);
    if (Buffer.byteLength(json) + head.length + 2 > MAX_NOTIFY_BYTES) continue; // not with write-batch's truncations
    if (size + Buffer.byteLength(json) + 1 > MAX_NOTIFY_BYTES && current.length > 0) {
      out.push(wrap(current));
      current = [];
      size = head.length + 2;
    }
    current.push(json);
    size += Buffer.byteLength(json) + 1;
  }
  if (current.length > 0) out.push(wrap(current));
  return out;
}
