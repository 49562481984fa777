import type { Role } from '@beacon/shared/api/common';
import type { Sql } from '../db/connect.ts';
import type { Logger } from '../log.ts';
import type { Hub } from './hub.ts';

/** Revocations and role changes reach open streams within this (issue: within 5 s, on every collector). */
export const RECHECK_EVERY_MS = 2000;

/**
 * Open streams outlive the request that authorized them, so their tokens are checked again every few seconds
 * against the database every collector shares: a revoked token's stream ends, a user demoted to rep sees only
 * their own messages from then on (and one promoted, the workspace's). One query per round for all streams here.
 */
export function startStreamRecheck(sql: Sql, hub: Hub, log: Logger, everyMs = RECHECK_EVERY_MS): { stop(): void } {
  let running = false;
  const round = async () => {
    const subs = hub.subscribers();
    if (subs.length === 0 || running) return;
    running = true;
    try {
      const ids = [...new Set(subs.map((s) => s.tokenId))];
      const rows = await sql<{ tokenId: string; userId: string; role: Role; ws: string }[]>`
        select t.id as "tokenId", u.id as "userId", u.role, u.workspace_id as ws
        from api_tokens t join users u on u.id = t.user_id
        where t.id = any(${ids}::uuid[]) and t.revoked_at is null`;
      const live = new Map(rows.map((r) => [r.tokenId, r]));
      for (const s of subs) {
        const r = live.get(s.tokenId);
        if (!r || r.userId !== s.userId || r.ws !== s.ws) s.close();
        else s.user = r.role === 'rep' ? r.userId : null;
      }
    } catch (e) {
      // The database is briefly away: streams stay as they were until the next round can check them.
      log.warn('could not recheck open streams', e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
