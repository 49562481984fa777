import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { Sql } from '@beacon/collector/src/db/connect.ts';
import { ensureEventPartitions } from '@beacon/collector/src/db/partitions.ts';
import { classify, isCounted, recipientKey, type MessageContext } from '@beacon/collector/src/ingest/3-classify.ts';
import { clientName } from '@beacon/collector/src/ingest/3-client-name.ts';
import type { Hit } from '@beacon/collector/src/ingest/hit.ts';
import { planUniques, uniqueKey, type TallyEvent } from '@beacon/collector/src/rollups/tally.ts';
import { createLogger } from '@beacon/collector/src/log.ts';
import { isOptOutPage, linkDim } from '@beacon/collector/src/rollups/link-dims.ts';
import { DAY, HOUR } from '@beacon/collector/src/rollups/time.ts';
import { cutText } from '@beacon/shared/text';
import type { Fixture } from './report-fixture.ts';

/**
 * Loads a fixture's events with COPY and brings `rollups`, `rollup_minutes`, `rollup_hours`, `uniques` and
 * `suppressions` to what the collector's writer leaves, set-based. The hits go through the writer's own steps that
 * decide, in time order, what a hit is (classify, recipientKey, clientName) and which first-time pairs and implied
 * opens it makes (planUniques, with the pairs seen so far kept in memory instead of asked of the database). Each
 * event is COPYed twice: to `events`, and with those verdicts to an unlogged staging table, from which SQL adds up
 * the rollups as `tally()` does: per message, metric and minute (recent events) or day (all) first, then over
 * scopes and grains, minutes packed into hour arrays and hours into day arrays. Minute and hour counters that
 * `maintain()` would prune are not kept. The bench checks the result equal to what the real writer leaves for the
 * 10k set, so the two cannot drift apart unnoticed.
 */
export const SCANNER_WINDOW_MS = 10_000; // the collector's default (BEACON_SCANNER_WINDOW_SECONDS)
const BATCH = 5_000;
const OPENED = 'opened'; // planUniques' pair for "the message has been opened"
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
      {
        workspaceId: f.workspaceId,
        id: m.id,
        userId: m.userId,
        subject: `Bench ${m.id.slice(0, 8)}`,
        recipients: m.recipients,
        links: m.links.map((l) => l.url),
        senderIp: m.senderIp,
        senderUa: m.senderUa,
        sentAt: m.sentAt,
      },
    ]),
  );
}

export async function loadSetBased(sql: Sql, f: Fixture, batches: Iterable<Hit[]>): Promise<void> {
  const ctx = contextOf(f);
  const step = stepTimer(f.events);
  await copy(
    sql,
    'messages (workspace_id, id, user_id, subject, recipients, source, track_opens, track_clicks, links, sender_ip, sender_ua, sent_at)',
    f.messages.map((m) =>
      line([
        f.workspaceId,
        m.id,
        m.userId,
        ctx.get(m.id)!.subject,
        JSON.stringify(m.recipients),
        'bench',
        't',
        't',
        JSON.stringify(m.links),
        m.senderIp,
        m.senderUa,
        new Date(m.sentAt).toISOString(),
      ]),
    ),
  );
  await sql`create unlogged table tally_stage (
    msg uuid, user_id uuid, at timestamptz, kind text, counted boolean, reason text, client text, dim text, tracked boolean,
    known boolean, implied boolean, t_open boolean, t_click boolean, t_link boolean, t_optout boolean, t_unsub boolean)`;
  const stage = await copyStream(sql, 'tally_stage');
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
        text += line([
          hit.ws,
          hit.id,
          at,
          hit.msg,
          hit.kind,
          num(hit.link),
          num(hit.ri),
          hit.re ?? null,
          verdict.classification,
          verdict.reason,
          hit.ip,
          hit.ua,
        ]);
        events.push({
          id: hit.id,
          at: hit.at,
          ws: hit.ws,
          msg: hit.msg,
          userId: m?.userId,
          kind: hit.kind,
          link: hit.link,
          linkType: hit.linkType,
          url: (hit.link !== undefined ? m?.links[hit.link] : undefined) ?? hit.url,
          counted: isCounted(hit, verdict),
          reason: verdict.reason,
          recipientKey: rk.key,
          recipientKnown: rk.known,
          client: clientName(hit.ua),
        });
        const lower = email?.toLowerCase();
        if (hit.kind === 'unsubscribe' && lower && !suppressed.has(lower)) suppressed.set(lower, { email: lower, at, msg: hit.msg });
      }
      const plan = planUniques(events, opened);
      const fresh = new Set<string>();
      for (const u of plan.rows) {
        const key = uniqueKey(u.message_id, u.kind, u.recipient_key);
        if (u.kind === OPENED) opened.add(u.message_id);
        if (!uniques.has(key)) {
          uniques.set(key, u.at);
          fresh.add(key);
        }
      }
      if (!stage.write(stageLines(events, fresh, plan.implied))) await once(stage, 'drain');
      done += hits.length;
      if (done % 1_000_000 < hits.length) process.stderr.write(`bench/reports: ${done.toLocaleString('en')} events copied\n`);
      yield text;
    }
  }
  await pipeline(
    Readable.from(eventLines()),
    await copyStream(sql, 'events (workspace_id, id, at, message_id, kind, link_index, recipient_index, recipient, classification, reason, ip, user_agent)'),
  );
  stage.end();
  await finished(stage);
  await copy(
    sql,
    'uniques (workspace_id, message_id, kind, recipient_key, at)',
    (function* () {
      for (const [key, at] of uniques) yield line([f.workspaceId, ...key.split('\u0001'), at]);
    })(),
  );
  await copy(
    sql,
    'suppressions (workspace_id, email, at, message_id)',
    [...suppressed.values()].map((s) => line([f.workspaceId, s.email, s.at, s.msg])),
  );
  step('events, uniques and suppressions copied');
  await tallyRollups(sql, f.now);
  await sql`drop table tally_stage`;
  step('rollups added up');
  // As autovacuum leaves them: the reports' index-only scans find all-visible pages at either size.
  await sql`vacuum analyze`;
  step('vacuumed');
}

/** Reports on stderr how long each loading step took. */
function stepTimer(events: number): (what: string) => void {
  let last = performance.now();
  return (what) => {
    const now = performance.now();
    process.stderr.write(`bench/reports: ${events.toLocaleString('en')} events: ${what} in ${((now - last) / 1000).toFixed(1)} s\n`);
    last = now;
  };
}

/**
 * One staging line per event: who, when, what, and which first-time pairs it takes, decided as `tally()` does
 * (`fresh` holds the batch's pairs not seen before; the first event in order that wants one takes it).
 */
function stageLines(events: TallyEvent[], fresh: Set<string>, implied: ReadonlySet<string>): string {
  const take = (e: TallyEvent, kind: string) => fresh.delete(uniqueKey(e.msg, kind, e.recipientKey));
  let text = '';
  for (const e of events) {
    const counted = e.counted;
    const clicked = counted && e.kind === 'click';
    const tracked = e.linkType === undefined || e.linkType === 'tracked'; // what the Clicks total counts
    const click = clicked && tracked && take(e, 'click');
    const optout = clicked && isOptOutPage(e.linkType, e.url) && take(e, 'optout');
    const link = clicked && take(e, `link:${e.link ?? 0}`);
    const open = counted && (e.kind === 'open' || implied.has(e.id)) && take(e, 'open');
    const unsub = counted && e.kind === 'unsubscribe' && take(e, 'unsubscribe'); // once per person
    text += line([
      e.msg,
      e.userId ?? null,
      new Date(e.at).toISOString(),
      e.kind,
      bool(counted),
      e.reason,
      e.client,
      linkDim(e.linkType, cutText(e.url ?? '', 1000)),
      bool(tracked),
      bool(e.recipientKnown),
      bool(implied.has(e.id)),
      bool(open),
      bool(click),
      bool(link),
      bool(optout),
      bool(unsub),
    ]);
  }
  return text;
}

/**
 * `tally()`'s increments from the staged events, and `sentRows()`' from the messages, summed per message, metric,
 * dim and minute (events young enough for hour buckets) or day (all), then spread over the three scopes and the
 * grains with the writer's upsert rule (sum; least for first/first_sent/first_open; greatest for last/last_open).
 */
async function tallyRollups(sql: Sql, now: number): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`set local work_mem = '512MB'`;
    // Series metrics go to every grain; breakdowns (link, ulink, client, excluded) to hour and total only.
    await tx`create temp view increments as
      select s.msg, s.user_id, s.at, v.metric, v.dim, v.series, 1::bigint as n from tally_stage s cross join lateral (values
        ('excluded', s.reason, false, not s.counted),
        ('opens', '', true, s.counted and (s.kind = 'open' or (s.implied and (not s.known or s.t_open)))),
        ('uopens', '', true, s.t_open),
        ('client', s.client, false, s.counted and s.kind = 'open'),
        ('mirrors', '', true, s.counted and s.kind = 'mirror'),
        ('clicks', '', true, s.counted and s.kind = 'click' and s.tracked),
        ('uclicks', '', true, s.t_click),
        ('optouts', '', true, s.t_optout),
        ('link', s.dim, false, s.counted and s.kind = 'click'),
        ('ulink', s.dim, false, s.t_link),
        ('unsubs', '', true, s.t_unsub)) v (metric, dim, series, yes)
      where v.yes
      union all
      select id, user_id, sent_at, 'sent', '', true, jsonb_array_length(recipients) from messages`;
    await tx`create temp table by_minute on commit drop as
      select msg, user_id, metric, dim, series, date_bin('1 minute', at, 'epoch') as bucket, sum(n) as n from increments
      where date_bin('1 day', at, 'epoch') >= ${new Date(now - 9 * DAY)} group by 1, 2, 3, 4, 5, 6`;
    await tx`create temp table by_day on commit drop as
      select msg, user_id, metric, dim, series, date_bin('1 day', at, 'epoch') as bucket, sum(n) as n from increments
      group by 1, 2, 3, 4, 5, 6`;
    // First and last activity, first and last pixel open (counted opens only, never a click's implied one), and
    // first_sent: epoch ms.
    await tx`create temp table extremes on commit drop as
      select msg, user_id, 'first' as metric, (extract(epoch from min(at)) * 1000)::bigint as n from tally_stage where counted group by 1, 2
      union all select msg, user_id, 'last', (extract(epoch from max(at)) * 1000)::bigint from tally_stage where counted group by 1, 2
      union all select msg, user_id, 'first_open', (extract(epoch from min(at)) * 1000)::bigint from tally_stage
        where counted and kind = 'open' group by 1, 2
      union all select msg, user_id, 'last_open', (extract(epoch from max(at)) * 1000)::bigint from tally_stage
        where counted and kind = 'open' group by 1, 2
      union all select id, user_id, 'first_sent', (extract(epoch from sent_at) * 1000)::bigint from messages`;
    const grains = [
      tx`select 'day' as grain, bucket, metric, dim, n, msg, user_id from by_day where series`,
      tx`select 'total', 'epoch', metric, dim, n, msg, user_id from by_day`,
      tx`select 'total', 'epoch', metric, '', n, msg, user_id from extremes`,
    ];
    const union = grains.flatMap((g, i) => (i > 0 ? [tx`union all`, g] : [g]));
    await tx`
      insert into rollups (${tx.unsafe(ROLLUP_COLUMNS)})
      select m.workspace_id, s.scope, s.id, r.grain, r.bucket, r.metric, r.dim,
        case when r.metric in ('first', 'first_sent', 'first_open') then min(r.n) when r.metric in ('last', 'last_open') then max(r.n)
          else sum(r.n) end
      from (${union}) r
      join messages m on m.id = r.msg
      cross join lateral (values ('w', m.workspace_id), ('u', r.user_id), ('m', r.msg)) s (scope, id)
      where s.id is not null
      group by m.workspace_id, s.scope, s.id, r.grain, r.bucket, r.metric, r.dim`;
    // Minute counters (series metrics only, dim '') and hour counters: per scope, dim and minute or hour, then into
    // their arrays as the writer keeps them (only those maintain() keeps).
    const byScope = (grain: 'minute' | 'hour') => tx`
      select m.workspace_id, s.scope, s.id as scope_id, r.metric, r.dim,
        date_bin(${`1 ${grain}`}::interval, r.bucket, 'epoch') as bucket, sum(r.n)::bigint as n
      from by_minute r
      join messages m on m.id = r.msg
      cross join lateral (values ('w', m.workspace_id), ('u', r.user_id), ('m', r.msg)) s (scope, id)
      where s.id is not null ${grain === 'minute' ? tx`and r.series` : tx``}
      group by 1, 2, 3, 4, 5, 6`;
    // The array of `size` counters holding ns[k] at slot slots[k] (1-based), as running totals if `running`: what
    // rollups/count-arrays.ts packs in the writer, here in SQL for the set-based load (a function of this session).
    await tx`
      create function pg_temp.count_array(slots int[], ns bigint[], size int, running boolean) returns bigint[]
        language sql immutable
        as $$
          select array_agg(c order by g) from (
            select g, (case when running then sum(coalesce(v.n, 0)) over (order by g) else coalesce(v.n, 0) end)::bigint as c
            from generate_series(1, size) g left join unnest(slots, ns) v (slot, n) on v.slot = g) s
        $$`;
    await tx`
      insert into rollup_minutes (workspace_id, scope, scope_id, metric, hour, n)
      select workspace_id, scope, scope_id, metric, date_bin('1 hour', bucket, 'epoch'),
        pg_temp.count_array(array_agg(extract(minute from bucket at time zone 'UTC')::int + 1), array_agg(n), 60, false)
      from (${byScope('minute')}) x
      where date_bin('1 hour', bucket, 'epoch') >= ${new Date(now - 2 * DAY - HOUR)}
      group by 1, 2, 3, 4, 5`;
    await tx`
      insert into rollup_hours (workspace_id, scope, scope_id, metric, day, dim, n)
      select workspace_id, scope, scope_id, metric, date_bin('1 day', bucket, 'epoch'), dim,
        pg_temp.count_array(array_agg(extract(hour from bucket at time zone 'UTC')::int + 1), array_agg(n), 24, true)
      from (${byScope('hour')}) x
      group by 1, 2, 3, 4, 5, 6`;
    await tx`drop view increments`;
  });
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
  return `${values.map((v) => (v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!))).join('\t')}\n`;
}
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const num = (n: number | undefined) => (n === undefined ? null : String(n));
const bool = (b: boolean) => (b ? 't' : 'f');
