import { randomBytes } from 'node:crypto';
import type { Role } from '@beacon/shared/api/common';
import { CreateMessageResponseSchema, type CreateMessageRequest, type CreateMessageResponse } from '@beacon/shared/api/messages';
import { createApiToken, createUser, createWorkspace, findWorkspaceByName, type User, type Workspace } from '../../src/auth/queries.ts';
import { manualClock } from './manual-clock.ts';
import { startCollector, type Collector } from '../../src/collector.ts';
import { loadConfig, type Config } from '../../src/env.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { createTestDatabase, type Backend, type TestDatabase } from './database.ts';

export interface Account {
  token: string;
  user: User;
  workspace: Workspace;
}

export interface TestCollector {
  backend: Backend;
  collector: Collector;
  db: TestDatabase;
  clock: ReturnType<typeof manualClock>;
  config: Config;
  admin: Account;
  /** Over real HTTP to the running collector, so every request takes the path production serves. */
  request(path: string, init?: RequestInit & { token?: string; ip?: string; ua?: string }): Promise<Response>;
  /** A user (created if needed) with a fresh token, in the admin's workspace unless another is named. */
  account(email: string, role: Role, workspaceName?: string): Promise<Account>;
  send(token: string, body: Partial<CreateMessageRequest> & { html: string }): Promise<CreateMessageResponse>;
  /** Path and query of a URL the collector made, for `request`. */
  path(url: string): string;
  /** Waits until every recorded hit is in the database. */
  flush(): Promise<void>;
  /** A message's events once every recorded hit is written, oldest first: `columns` as a select list. */
  events<T>(messageId: string, columns: string): Promise<T[]>;
  stop(): Promise<void>;
}

export const BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

export async function startTestCollector(
  backend: Backend,
  opts: { env?: Record<string, string>; start?: number; db?: TestDatabase; log?: Logger } = {},
): Promise<TestCollector> {
  const db = opts.db ?? (await createTestDatabase(backend));
  const clock = manualClock(opts.start ?? Date.UTC(2030, 0, 15, 12, 0, 0), 1);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    BEACON_DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
    BEACON_SECRET: randomBytes(32).toString('hex'),
    BEACON_TRUST_PROXY: '1',
    BEACON_LOG: 'error',
    ...opts.env,
  });
  const collector = await startCollector(config, { clock, log: opts.log ?? createLogger(config.logLevel) });
  const { sql } = collector.deps;
  const [adminUser] = await sql<User[]>`
    select id, workspace_id as "workspaceId", email, role from users where role = 'admin' order by created_at limit 1`;
  const [ws] = await sql<Workspace[]>`select id, name from workspaces order by created_at limit 1`;
  // A later start on the same database (a second instance) gets a token of its own for the first admin.
  const adminToken = collector.bootstrapped?.token ?? (await createApiToken(sql, adminUser!)).token;
  const t: TestCollector = {
    backend,
    collector,
    db,
    clock,
    config: collector.deps.config,
    admin: { token: adminToken, user: adminUser!, workspace: ws! },
    request(path, init = {}) {
      const { token, ip, ua, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      headers.set('x-forwarded-for', ip ?? '203.0.113.9');
      if (!headers.has('user-agent')) headers.set('user-agent', ua ?? BROWSER_UA);
      return fetch(`${collector.url}${path}`, { ...rest, headers, redirect: 'manual' });
    },
    async account(email, role, workspaceName) {
      const workspace = workspaceName ? ((await findWorkspaceByName(sql, workspaceName)) ?? (await createWorkspace(sql, workspaceName))) : ws!;
      const user = await createUser(sql, workspace.id, email, role);
      const { token } = await createApiToken(sql, user);
      return { token, user, workspace };
    },
    async send(token, body) {
      const res = await t.request('/api/messages', {
        method: 'POST',
        token,
        ip: '198.51.100.7',
        ua: 'SenderBrowser/1.0',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ subject: 'Hello', recipients: [{ email: 'bob@example.com' }], ...body }),
      });
      if (res.status !== 201) throw new Error(`send failed: ${res.status} ${await res.text()}`);
      return CreateMessageResponseSchema.parse(await res.json());
    },
    path(url) {
      const u = new URL(url);
      return u.pathname + u.search;
    },
    async flush() {
      if (!(await collector.deps.events.flush(15_000))) throw new Error('events not written within 15 s');
    },
    async events<T>(messageId: string, columns: string) {
      await t.flush();
      return sql.unsafe<T[]>(`select ${columns} from events where message_id = $1 order by at, id`, [messageId]);
    },
    async stop() {
      await collector.stop();
      if (!opts.db) await db.drop();
    },
  };
  return t;
}

/** Who the tenant-isolation tests need: two reps and a manager of one workspace, and the admin of another. */
export async function isolationCast(t: TestCollector): Promise<Record<'rep' | 'rep2' | 'manager' | 'outsider', Account>> {
  return {
    rep: await t.account('rep@example.com', 'rep'),
    rep2: await t.account('rep2@example.com', 'rep'),
    manager: await t.account('boss@example.com', 'manager'),
    outsider: await t.account('x@other.example', 'admin', 'Other'),
  };
}
