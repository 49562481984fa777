import type { Db, Sql } from '../db/connect.ts';
import type { Logger } from '../log.ts';
import type { Hub } from './hub.ts';

const TTL_SECONDS = 90;
const RENEW_EVERY_MS = 30_000;

/**
 * Tells the other collectors which workspaces have a stream open here, so their writers NOTIFY those workspaces'
 * events (and only those). Rows are renewed while streams stay open and expire on their own after a crash.
 */
export interface StreamInterest {
  /** Registers interest in a workspace's events before a stream starts. */
  watch(workspaceId: string): Promise<void>;
  stop(): Promise<void>;
}

export function startStreamInterest(sql: Sql, origin: string, hub: Hub, log: Logger): StreamInterest {
  const upsert = (ws: string[]) =>
    ws.length === 0
      ? Promise.resolve()
      : sql`
          insert into stream_subscriptions (workspace_id, instance_id, expires_at)
          select unnest(${ws}::uuid[]), ${origin}, now() + make_interval(secs => ${TTL_SECONDS})
          on conflict (workspace_id, instance_id) do update set expires_at = excluded.expires_at`.then(() => {});
  const timer = setInterval(() => {
    upsert([...hub.workspaces()]).catch((e) => log.warn('could not renew stream subscriptions', e));
    sql`delete from stream_subscriptions where expires_at < now() - interval '1 hour'`.catch(() => {});
  }, RENEW_EVERY_MS).unref();
  return {
    watch: (ws) => upsert([ws]),
    async stop() {
      clearInterval(timer);
      await sql`delete from stream_subscriptions where instance_id = ${origin}`.catch(() => {});
    },
  };
}

/** Of these workspaces, those with a stream open on some collector. */
export async function watchedWorkspaces(sql: Db, ws: string[]): Promise<Set<string>> {
  if (ws.length === 0) return new Set();
  const rows = await sql<{ id: string }[]>`
    select distinct workspace_id as id from stream_subscriptions where workspace_id = any(${ws}::uuid[]) and expires_at > now()`;
  return new Set(rows.map((r) => r.id));
}
