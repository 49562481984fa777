import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApp } from './app.ts';
import { bootstrap, type Bootstrapped } from './auth/bootstrap.ts';
import { systemClock, type Clock } from './clock.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import type { AppDeps } from './deps.ts';
import type { Config } from './env.ts';
import { maintain } from './db/maintenance.ts';
import { startPreparer } from './messages/preparer.ts';
import { startEventPipeline } from './ingest/pipeline.ts';
import { createAccessLog } from './http/access-log.ts';
import { answerClientError } from './http/client-error.ts';
import { createLogger, type Logger } from './log.ts';
import { resolveSecret } from './secret.ts';
import { createHub } from './stream/hub.ts';
import { listenForEvents } from './stream/listen.ts';
import { startStreamRecheck } from './stream/recheck.ts';
import { startStreamInterest } from './stream/subscriptions.ts';
import { createPixelAndRedirect } from './ingest/1-http-pixel-and-redirect.ts';
import { createSigner } from './track/token.ts';

export interface Collector {
  url: string;
  port: number;
  db: Database;
  deps: AppDeps;
  app: OpenAPIHono;
  /** Set on the very first start: the admin's sign-in token, to show once. */
  bootstrapped: Bootstrapped | undefined;
  /** Stop accepting, finish requests, write every spooled event (bounded wait), close the database. */
  stop(): Promise<{ flushed: boolean }>;
}

const MAINTENANCE_EVERY_MS = 15 * 60_000;

/** Opens the database, migrates, starts the event pipeline and serves. The process entry (index.ts) only adds signals. */
export async function startCollector(config: Config, opts: { clock?: Clock; log?: Logger } = {}): Promise<Collector> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger(config.logLevel);
  const secret = resolveSecret(config.secret, config.dataDir);
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, max: config.poolMax });
  const { sql } = db;
  let bootstrapped: Bootstrapped | undefined;
  await migrate(sql, {
    afterwards: async (tx) => {
      bootstrapped = await bootstrap(tx, config.bootstrap);
    },
  });
  const housekeeping = () => maintain(sql, clock.now(), config.retentionDays, log).catch((e) => log.warn('maintenance failed', e));
  await housekeeping();
  const timer = setInterval(housekeeping, MAINTENANCE_EVERY_MS).unref();

  const hub = createHub();
  const origin = randomUUID(); // this process, to tell its own notifications from the other collectors'
  const unlisten = db.canListen ? await listenForEvents(sql, origin, hub, log) : undefined;
  const interest = db.canListen ? startStreamInterest(sql, origin, hub, log) : undefined;
  const recheck = startStreamRecheck(sql, hub, log);
  const events = await startEventPipeline({
    target: db.target,
    spoolDir: config.spoolDir,
    classify: { scannerWindowMs: config.scannerWindowMs },
    useNotify: db.canListen,
    useCopy: db.kind === 'postgres',
    origin,
    hub,
    log,
  });
  // Listen first, so PORT=0 (any free port) can still give the default public URL its real port.
  let app: OpenAPIHono | undefined;
  let tracking: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  const hono = getRequestListener((req, env) => app!.fetch(req, env));
  const access = config.accessLog ? createAccessLog(log, config.trustProxy) : undefined;
  const server = await listen((req, res) => {
    access?.(req, res);
    if (!tracking?.(req, res)) void hono(req, res);
  }, config);
  const port = (server.address() as AddressInfo).port;
  if (config.port === 0) config = { ...config, publicUrl: config.publicUrl.replace(/^http:\/\/localhost:0$/, `http://localhost:${port}`) };
  const watch = (ws: string) => interest?.watch(ws) ?? Promise.resolve();
  const preparer = startPreparer({ publicUrl: config.publicUrl, secret }, log);
  const deps: AppDeps = { sql, config, clock, log, signer: createSigner(secret), events, hub, watch, preparer };
  app = createApp(deps);
  tracking = createPixelAndRedirect(deps);
  log.info(`listening on port ${port}, database: ${db.kind} (${db.describe}), public URL ${config.publicUrl}`);

  let stopping: Promise<{ flushed: boolean }> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    deps,
    app,
    bootstrapped,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(timer);
        recheck.stop();
        hub.closeAll();
        await closeServer(server, config.shutdownTimeoutMs);
        await preparer.stop();
        const flushed = await events.flush(config.shutdownTimeoutMs);
        if (!flushed) log.warn(`${events.stats().spoolBytes} bytes of events stay in ${config.spoolDir}; they are written at the next start`);
        await events.stop();
        await interest?.stop();
        await unlisten?.().catch(() => {});
        await db.close(5);
        return { flushed };
      })()),
  };
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
    server.on('clientError', answerClientError);
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve(server));
  });
}

/** Stops accepting, lets requests in flight finish (bounded), then drops whatever connections remain. */
function closeServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    // Keep-alive connections become idle once their response is sent: close them as they do.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const t = setTimeout(() => {
      server.closeAllConnections();
      done();
    }, timeoutMs);
    function done() {
      clearInterval(idle);
      clearTimeout(t);
      resolve();
    }
    server.close(done);
    server.closeIdleConnections();
  });
}
