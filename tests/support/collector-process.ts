import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCollector, type CollectorProcess } from '@beacon/collector/test/support/process.ts';
import { freePort } from './collector';

export interface RestartableCollector {
  /** The public URL the extension and the recipients use (the proxy's, when one is given). */
  url: string;
  /** Where the collector process itself listens: the same port across restarts. */
  port: number;
  /** The admin token printed at first start. */
  token: string;
  /** GET an API path with the admin token, parsed as JSON. */
  api<T = unknown>(path: string, init?: RequestInit): Promise<T>;
  /** SIGTERM, as a service manager stops it; resolves with the exit code once the process is gone. */
  terminate(): Promise<number | string>;
  /** Starts the collector process again on the same port and data directory; resolves once it listens. */
  start(): Promise<void>;
  /** Whether a collector process was started and not terminated since. */
  running(): boolean;
  /** What the running (or last) process wrote to stderr. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * The real collector process (the build's `dist/index.js`, as `pnpm collector` runs it) on embedded PGlite in a temp data dir,
 * on a fixed free port so it can be stopped and started again where the extension expects it.
 * `publicUrl` defaults to the process's own address.
 */
export async function startCollectorProcess(opts: { port?: number; publicUrl?: string } = {}): Promise<RestartableCollector> {
  const dataDir = await mkdtemp(join(tmpdir(), 'beacon-collector-'));
  const port = opts.port ?? (await freePort());
  const url = opts.publicUrl ?? `http://127.0.0.1:${port}`;
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    BEACON_DATA_DIR: dataDir,
    BEACON_SCANNER_WINDOW_SECONDS: '0',
    BEACON_WORKSPACE_NAME: 'Acme Sales',
    BEACON_ADMIN_EMAIL: 'rep@acme.example',
  };
  let current: CollectorProcess | undefined = await spawnCollector(env);
  let last = current;
  const token = /shown only this once\):\n(bk_\S+)/.exec(current.stdout())?.[1];
  if (!token) throw new Error(`the fresh collector printed no sign-in token:\n${current.stdout()}`);

  async function terminate(): Promise<number | string> {
    const p = current;
    if (!p) throw new Error('the collector is not running');
    current = undefined;
    p.child.kill('SIGTERM');
    return p.exited;
  }

  return {
    url,
    port,
    token,
    async api<T>(path: string, init: RequestInit = {}) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    terminate,
    async start() {
      if (current) throw new Error('the collector is already running');
      current = last = await spawnCollector(env);
    },
    running: () => current !== undefined,
    stderr: () => last.stderr(),
    async stop() {
      if (current) await terminate();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
