import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Sql } from '@beacon/collector/src/db/connect.ts';
import { ensureEventPartitions } from '@beacon/collector/src/db/partitions.ts';
import { classify, isCounted, recipientKey, type MessageContext } from '@beacon/collector/src/events/classify.ts';
import { clientName } from '@beacon/collector/src/events/client.ts';
import type { Hit } from '@beacon/collector/src/events/hit.ts';
import { planUniques, sentRows, tally, uniqueKey, type RollupRow, type TallyEvent } from '@beacon/collector/src/events/tally.ts';
import { createLogger } from '@beacon/collector/src/log.ts';
import type { Fixture } from './report-fixture.ts';

/**
 * Loads a fixture's events with COPY and brings `rollups`, `uniques` and `suppressions` to what the collector's
 * writer leaves, set-based: the hits go through the writer's own pure steps (classify, planUniques, tally) in time
 * order, with the first-time pairs kept in memory instead of asked of the database; the increments are COPYed to an
 * unlogged staging table and merged by one INSERT … GROUP BY with the writer's upsert rule (sum; least for
 * first/first_sent; greatest for last). Minute and hour buckets that `maintain()` would prune are not kept.
 */
export const SCANNER_WINDOW_MS = 10_000; // the collector's default (BEACON_SCANNER_WINDOW_SECONDS)
const BATCH = 5_000;
const FLUSH_AT = 300_000;
const ROLLUP_COLUMNS = 'workspace_id, scope, scope_id, grain, bucket, metric, dim, n';

export async function setUpWorkspace(sql: Sql, f: Fixture): Promise<void> {
  await sql`insert into workspaces (id, name) values (${f.workspaceId}, 'Bench')`;
  for (const u of f.users) await sql`insert into users (id, workspace_id, email, role) values (${u.id}, ${f.workspaceId}, ${u.email}, ${u.role})`;
  // Monthly partitions for the whole span, as a collector running through those months would have made.
  await ensureEventPartitions(sql, f.now - 92 * 86_400_000, createLogger('silent'), 5);
}

export function contextOf(f: Fixture): Map<string, MessageContext> {
  return new Map(
    f.messages.map((m) => [
      m.id,
      { workspaceId: f.workspaceId, id: m.id, userId: m.userId, subject: `Bench ${m.id.slice(0, 8)}`, recipients: m.recipients,
        links: m.links.map((l) => l.url), senderIp: m.senderIp, senderUa: m.senderUa, sentAt: m.sentAt },
    ]),
  );
}

export async function loadSetBased(sql: Sql, f: Fixture, batches: Iterable<Hit[]>): Promise<void> {
  const ctx = contextOf(f);
  await copy(sql, 'messages (workspace_id, id, user_id, subject, recipients, source, track_opens, track_clicks, links, sender_ip, sender_ua, sent_at)',
    f.messages.map((m) => line([f.workspaceId, m.id, m.userId, ctx.get(m.id)!.subject, JSON.stringify(m.recipients), 'bench', 't', 't',
      JSON.stringify(m.links), m.senderIp, m.senderUa, new Date(m.sentAt).toISOString()])));
  await sql`create unlogged table rollup_stage (like rollups)`;
  const acc = new Map<string, RollupRow>();
  const keep = (r: RollupRow) => !(r.grain === 'minute' && Date.parse(r.bucket) < f.now - 2 * 86_400_000) &&
    !(r.grain === 'hour' && Date.parse(r.bucket) < f.now - 8 * 86_400_000);
  const add = (rows: RollupRow[]) => {
    for (const r of rows) if (keep(r)) merge(acc, r);
  };
  const flush = async () => {
    await copy(sql, `rollup_stage (${ROLLUP_COLUMNS})`, [...acc.values()].map((r) => line([r.workspace_id, r.scope, r.scope_id, r.grain, r.bucket, r.metric, r.dim, String(r.n)])));
    acc.clear();
  };
  for (const m of f.messages) add(sentRows(f.workspaceId, m.userId, m.id, m.sentAt, m.recipients.length));

  const uniques = new Map<string, string>(); // unique key -> at
  const opened = new Set<string>();
  const suppressed = new Map<string, { email: string; at: string; msg: string }>();
  let done = 0;
  async function* eventLines(): AsyncGenerator<string> {
    for (const hits of batches) {
      const events: TallyEvent[] = [];
      let text = '';
      for (const hit of hits) {
        const m = ctx.get(hit.msg);
        const verdict = classify(hit, m, { scannerWindowMs: SCANNER_WINDOW_MS });
        const email = hit.ri !== undefined ? m?.recipients[hit.ri]?.email : hit.re;
        const rk = recipientKey(hit, email);
        const at = new Date(hit.at).toISOString();
        text += line([hit.ws, hit.id, at, hit.msg, hit.kind, num(hit.link), num(hit.ri), hit.re ?? null, verdict.classification, verdict.reason, hit.ip, hit.ua]);
        events.push({ id: hit.id, at: hit.at, ws: hit.ws, msg: hit.msg, userId: m?.userId, kind: hit.kind, link: hit.link, linkType: hit.linkType,
          url: (hit.link !== undefined ? m?.links[hit.link] : undefined) ?? hit.url, counted: isCounted(hit, verdict), reason: verdict.reason,
          recipientKey: rk.key, recipientKnown: rk.known, client: clientName(hit.ua) });
        const lower = email?.toLowerCase();
        if (hit.kind === 'unsubscribe' && lower && !suppressed.has(lower)) suppressed.set(lower, { email: lower, at, msg: hit.msg });
      }
      const plan = planUniques(events, opened);
      const fresh = new Set<string>();
      for (const u of plan.rows) {
        const key = uniqueKey(u.message_id, u.kind, u.recipient_key);
        if (u.kind === 'opened') opened.add(u.message_id);
        if (!uniques.has(key)) {
          uniques.set(key, u.at);
          fresh.add(key);
        }
      }
      add(tally(events, fresh, plan.implied).rows);
      if (acc.size > FLUSH_AT) await flush();
      done += hits.length;
      if (done % 1_000_000 < hits.length) process.stderr.write(`bench/reports: ${done.toLocaleString('en')} events prepared\n`);
      yield text;
    }
  }
  await pipeline(Readable.from(eventLines()), await copyStream(sql, 'events (workspace_id, id, at, message_id, kind, link_index, recipient_index, recipient, classification, reason, ip, user_agent)'));
  await flush();
  await sql`
    insert into rollups (${sql.unsafe(ROLLUP_COLUMNS)})
    select workspace_id, scope, scope_id, grain, bucket, metric, dim,
      case when metric in ('first', 'first_sent') then min(n) when metric = 'last' then max(n) else sum(n) end
    from rollup_stage group by workspace_id, scope, scope_id, grain, bucket, metric, dim`;
  await sql`drop table rollup_stage`;
  await copy(sql, 'uniques (workspace_id, message_id, kind, recipient_key, at)',
    (function* () {
      for (const [key, at] of uniques) yield line([f.workspaceId, ...key.split('\u0001'), at]);
    })());
  await copy(sql, 'suppressions (workspace_id, email, at, message_id)', [...suppressed.values()].map((s) => line([f.workspaceId, s.email, s.at, s.msg])));
  await sql`analyze`;
}

function merge(acc: Map<string, RollupRow>, r: RollupRow): void {
  const key = `${r.scope}\u0001${r.scope_id}\u0001${r.grain}\u0001${r.bucket}\u0001${r.metric}\u0001${r.dim}`;
  const row = acc.get(key);
  if (!row) acc.set(key, { ...r });
  else row.n = r.metric.startsWith('first') ? Math.min(row.n, r.n) : r.metric === 'last' ? Math.max(row.n, r.n) : row.n + r.n;
}

export { BATCH as LOAD_BATCH };

async function copyStream(sql: Sql, target: string) {
  return sql`copy ${sql.unsafe(target)} from stdin`.writable();
}

async function copy(sql: Sql, target: string, lines: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks(lines)), await copyStream(sql, target));
}

function* chunks(lines: Iterable<string>): Generator<string> {
  let text = '';
  for (const l of lines) {
    text += l;
    if (text.length > 1 << 16) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

/** One row in COPY's text format. */
function line(values: (string | null)[]): string {
  return values.map((v) => (v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!))).join('\t') + '\n';
}
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const num = (n: number | undefined) => (n === undefined ? null : String(n));
