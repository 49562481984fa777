import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector, type Collector } from '@beacon/collector/src/collector.ts';
import { loadConfig } from '@beacon/collector/src/env.ts';
import { freePort } from '@beacon/collector/test/support/free-port.ts';

export { freePort };

export interface TestCollector {
  url: string;
  /** The admin token printed at first start. */
  token: string;
  collector: Collector;
  /** GET an API path with the admin token, parsed as JSON. */
  api<T = unknown>(path: string, init?: RequestInit): Promise<T>;
  stop(): Promise<void>;
}

/** A real collector on embedded PGlite in a temp data dir, on a free port, its public URL that same address. */
export async function startTestCollector(): Promise<TestCollector> {
  const dataDir = await mkdtemp(join(tmpdir(), 'beacon-collector-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    BEACON_DATA_DIR: dataDir,
    // The scenario clicks seconds after sending; a real recipient would too, so no scanner window here.
    BEACON_SCANNER_WINDOW_SECONDS: '0',
    BEACON_LOG: 'warn',
    BEACON_WORKSPACE_NAME: 'Acme Sales',
    BEACON_ADMIN_EMAIL: 'rep@acme.example',
  });
  const collector = await startCollector(config);
  const token = collector.bootstrapped?.token;
  if (!token) throw new Error('the fresh collector printed no sign-in token');
  return {
    url,
    token,
    collector,
    async api<T>(path: string, init: RequestInit = {}) {
      const response = await fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async stop() {
      await collector.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
