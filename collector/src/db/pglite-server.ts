import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite behind a Unix socket, so postgres.js reaches it exactly as it reaches a Postgres server.
 *
 * pglite-socket queues protocol messages one by one across connections, so two connections' extended-protocol
 * queries (Parse/Bind/Execute/Sync) could interleave inside PGlite's single session and fail ("portal does not
 * exist"). We group each connection's messages up to the message that asks for a reply (Sync, Query, Flush,
 * startup, Terminate, copy messages) and hand the group over at once; pglite-socket already keeps an open
 * transaction to the connection that began it. Pinned to pglite-socket 0.2.17, whose queue this wraps.
 */
export interface PgliteServer {
  path: string;
  stop(): Promise<void>;
}

const REPLY_WANTED = new Set([0x53 /* S */, 0x51 /* Q */, 0x48 /* H */, 0x58 /* X */, 0x64, 0x63, 0x66 /* copy */]);

export async function startPgliteServer(dataDir: string, socketPath: string, maxConnections: number): Promise<PgliteServer> {
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  groupMessagesPerConnection(server);
  await server.start();
  return {
    path: socketPath,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

type Enqueue = (handler: number, message: Uint8Array, onData: (d: Uint8Array) => void) => Promise<number>;

function groupMessagesPerConnection(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: { enqueue: Enqueue } }).queryQueue;
  const enqueue = queue.enqueue.bind(queue);
  const pending = new Map<number, Uint8Array[]>();
  queue.enqueue = (handler, message, onData) => {
    const group = pending.get(handler) ?? [];
    group.push(message);
    if (!endsGroup(message)) {
      pending.set(handler, group);
      return Promise.resolve(0);
    }
    pending.delete(handler);
    return enqueue(handler, group.length === 1 ? message : concat(group), onData);
  };
}

function endsGroup(message: Uint8Array): boolean {
  if (REPLY_WANTED.has(message[0] ?? 0)) return true;
  // The startup packet has no type byte: length, then protocol version 3.0.
  return message.length >= 8 && new DataView(message.buffer, message.byteOffset, 8).getInt32(4) === 196608;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
