import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { Worker } from 'node:worker_threads';
import { PACKAGE_DIR } from '../package-dir.ts';
import type { PgliteServer } from './pglite-server.ts';
import type { FromPgliteThread, PgliteThreadData } from './pglite-thread.ts';

export type Sql = postgres.Sql;
/** A transaction's handle; queries taking `Sql | Tx` compose inside `sql.begin`. */
export type Tx = postgres.TransactionSql;
export type Db = Sql | Tx;

export interface Database {
  sql: Sql;
  kind: 'postgres' | 'pglite';
  /** LISTEN/NOTIFY works across instances only on a Postgres server. */
  canListen: boolean;
  /** Where it is: a URL without password, or the embedded database's directory. */
  describe: string;
  /** How another thread reaches the same database (see connect). */
  target: DatabaseTarget;
  close(timeoutSeconds?: number): Promise<void>;
}

/** A Postgres server's URL, or the Unix socket the embedded database is served on. */
export type DatabaseTarget = { url: string } | { path: string };

export interface DatabaseOptions {
  url: string | undefined;
  dataDir: string;
  max: number;
}

const SQL_OPTIONS = {
  onnotice: () => {},
  connect_timeout: 5,
  // Idle connections are recycled so a restarted server is reconnected to cleanly.
  idle_timeout: 60,
  max_lifetime: 30 * 60,
  connection: { application_name: 'beacon-collector' },
} as const;

/** Postgres when `url` is set, else the embedded PGlite in `dataDir/pgdata` served on `dataDir/pglite.sock`. */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const target = { url: opts.url };
    const sql = connect(target, opts.max);
    return {
      sql,
      kind: 'postgres',
      canListen: true,
      describe: opts.url.replace(/:[^:@/]*@/, ':***@'),
      target,
      close: (timeout = 5) => sql.end({ timeout }),
    };
  }
  const socket = embeddedSocketPath(opts.dataDir);
  if (await isListening(socket)) {
    throw new Error(`The embedded database in ${opts.dataDir} is in use by another collector (${socket} answers).`);
  }
  if (existsSync(socket)) unlinkSync(socket); // left behind by a process that died
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const server = await startPgliteThread({ dataDir: join(opts.dataDir, 'pgdata'), socketPath: socket, maxConnections: opts.max + 8 });
  return embedded(server, opts.max, opts.dataDir);
}

/**
 * For the CLI: the running collector's embedded database through its socket when it runs, else the database
 * opened directly (PGlite allows one process per directory).
 */
export async function openDatabaseForTool(opts: DatabaseOptions): Promise<Database> {
  const socket = embeddedSocketPath(opts.dataDir);
  if (!opts.url && (await isListening(socket))) {
    const target = { path: socket };
    const sql = connect(target, 1);
    return { sql, kind: 'pglite', canListen: false, describe: opts.dataDir, target, close: (t = 5) => sql.end({ timeout: t }) };
  }
  return openDatabase({ ...opts, max: 1 });
}

/** A client pool for a database another part of the process (or another thread) opened. */
export function connect(target: DatabaseTarget, max: number): Sql {
  return 'url' in target ? postgres(target.url, { ...SQL_OPTIONS, max }) : postgres({ ...SQL_OPTIONS, path: target.path, max });
}

function embedded(server: PgliteServer, max: number, dataDir: string): Database {
  const target = { path: server.path };
  const sql = connect(target, max);
  return {
    sql,
    kind: 'pglite',
    canListen: false,
    describe: dataDir,
    target,
    async close(timeout = 5) {
      await sql.end({ timeout });
      await server.stop();
    },
  };
}

/** PGlite and its socket on a thread of their own (see pglite-thread.ts); resolves once the socket listens. */
function startPgliteThread(data: PgliteThreadData): Promise<PgliteServer> {
  // The build's bundle of pglite-thread.ts, from source too (tests build first): a worker cannot load TypeScript.
  const worker = new Worker(new URL('dist/pglite-thread.js', PACKAGE_DIR), { workerData: data });
  return new Promise((resolve, reject) => {
    const exited = new Promise<void>((r) => worker.once('exit', () => r()));
    worker.once('error', reject);
    worker.once('message', (m: FromPgliteThread) => {
      if (m.type === 'failed') {
        void worker.terminate();
        reject(new Error(m.message));
        return;
      }
      resolve({
        path: data.socketPath,
        async stop() {
          worker.postMessage({ type: 'stop' });
          const timer = setTimeout(() => void worker.terminate(), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}

/** In the data dir, unless that path is too long for a Unix socket (108 bytes): then in the temp dir, named by it. */
export function embeddedSocketPath(dataDir: string): string {
  const path = join(dataDir, 'pglite.sock');
  if (Buffer.byteLength(path) <= 100) return path;
  return join(tmpdir(), `beacon-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.sock`);
}

function isListening(path: string): Promise<boolean> {
  if (!existsSync(path)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const s = netConnect(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
