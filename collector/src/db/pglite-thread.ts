import { parentPort, workerData } from 'node:worker_threads';
import { startPgliteServer } from './pglite-server.ts';

/**
 * The embedded database's own thread. PGlite is Postgres compiled to WebAssembly: it runs its queries on the
 * thread that created it. On the request thread every insert, batch and report query would hold up pixels and
 * redirects (a 5 MB registration stored there held them for hundreds of ms); here it is as far away as a server.
 */
export interface PgliteThreadData {
  dataDir: string;
  socketPath: string;
  maxConnections: number;
}

export type FromPgliteThread = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'stopped' };

const data = workerData as PgliteThreadData;
const port = parentPort!;
try {
  const server = await startPgliteServer(data.dataDir, data.socketPath, data.maxConnections);
  port.on('message', async (m: { type: 'stop' }) => {
    if (m.type !== 'stop') return;
    await server.stop();
    port.postMessage({ type: 'stopped' } satisfies FromPgliteThread);
    port.close();
  });
  port.postMessage({ type: 'ready' } satisfies FromPgliteThread);
} catch (e) {
  port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies FromPgliteThread);
}
