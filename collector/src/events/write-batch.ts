import type { StreamEvent } from '@beacon/shared/api/reports';
import type { Sql } from '../db/connect.ts';
import { streamEvent } from '../stream/event.ts';
import { NOTIFY_CHANNEL, toNotifyPayloads, type Envelope } from '../stream/hub.ts';
import { watchedWorkspaces } from '../stream/subscriptions.ts';
import { classify, isCounted, recipientKey, type ClassifyOptions, type MessageContext } from './classify.ts';
import { clientName } from './client.ts';
import type { Hit } from './hit.ts';
import { copyEvents, insertEvents, insertUniques, messageContexts, notify, openedMessages, suppress, upsertRollups, type EventRow } from './queries.ts';
import { planUniques, tally, uniqueKey, type TallyEvent } from './tally.ts';

export interface BatchWriterDeps {
  sql: Sql;
  classify: ClassifyOptions;
  /** On a Postgres server, events of watched workspaces are also NOTIFYed for the other collectors, tagged `origin`. */
  useNotify: boolean;
  /** Events go in by COPY (on a Postgres server; the embedded database does not take COPY from a client). */
  useCopy?: boolean;
  origin: string;
  /** The events of the batch that someone streams from this process (see `watched`). */
  publish(envelopes: Envelope[]): void;
}

/** `watched`: the workspaces with a stream open in this process (all when not given); only their events are published. */
export type BatchWriter = (hits: Hit[], assumeNew?: boolean, watched?: ReadonlySet<string>) => Promise<void>;

/**
 * Writes a batch of hits in one transaction: the events (replays skipped by the primary key), then for the new
 * ones only, the first-time pairs, rollups and suppressions. So a hit counts once however often it is replayed.
 */
export function createBatchWriter(deps: BatchWriterDeps): BatchWriter {
  const messages = new Map<string, MessageContext>(); // registered messages do not change: cache them
  async function contexts(hits: Hit[]): Promise<Map<string, MessageContext>> {
    const missing = [...new Set(hits.map((h) => h.msg).filter((id) => !messages.has(id)))];
    if (missing.length > 0) {
      for (const m of await messageContexts(deps.sql, missing)) {
        if (messages.size >= 20_000) messages.delete(messages.keys().next().value as string);
        messages.set(m.id, m);
      }
    }
    return messages;
  }

  return async (hits, assumeNew = false, watched) => {
    const ctx = await contexts(hits);
    // A genuine token whose message is no longer registered (deleted, its workspace gone) counts nowhere.
    const prepared = unique(hits)
      .filter((hit) => ctx.get(hit.msg)?.workspaceId === hit.ws)
      .map((hit) => prepare(hit, ctx.get(hit.msg), deps.classify))
      .sort((a, b) => a.tally.at - b.tally.at);
    if (prepared.length === 0) return;
    const envelopes = await deps.sql.begin(async (tx) => {
      const rows = prepared.map((p) => p.row);
      const fresh = deps.useCopy ? await copyEvents(tx, rows, assumeNew) : await insertEvents(tx, rows, assumeNew);
      const news = prepared.filter((p) => fresh.has(p.row.id));
      if (news.length === 0) return [];
      const events = news.map((p) => p.tally);
      const opened = await openedMessages(tx, [...new Set(events.filter((e) => e.counted).map((e) => e.msg))]);
      const plan = planUniques(events, opened);
      plan.rows.sort((a, b) => cmp(uniqueKey(a.message_id, a.kind, a.recipient_key), uniqueKey(b.message_id, b.kind, b.recipient_key)));
      const inserted = await insertUniques(tx, plan.rows);
      const t = tally(events, new Set(inserted.map((u) => uniqueKey(u.message_id, u.kind, u.recipient_key))), plan.implied);
      await upsertRollups(tx, t.rows);
      await suppress(tx, suppressions(news));
      // Stream events are built only for workspaces someone streams, here or on another collector: most are not.
      const elsewhere = deps.useNotify ? await watchedWorkspaces(tx, [...new Set(news.map((p) => p.hit.ws))]) : new Set<string>();
      const streamed = news.filter((p) => !watched || watched.has(p.hit.ws) || elsewhere.has(p.hit.ws));
      const out = streamed.map((p) => envelope(p, t.firstOpens.has(p.row.id)));
      const remote = out.filter((e) => elsewhere.has(e.ws));
      if (remote.length > 0) await notify(tx, NOTIFY_CHANNEL, toNotifyPayloads(deps.origin, remote));
      return watched ? out.filter((e) => watched.has(e.ws)) : out;
    });
    deps.publish(envelopes);
  };
}

interface Prepared {
  hit: Hit;
  row: EventRow;
  tally: TallyEvent;
  message: MessageContext | undefined;
  recipientEmail: string | undefined;
}

function prepare(hit: Hit, message: MessageContext | undefined, opts: ClassifyOptions): Prepared {
  const verdict = classify(hit, message, opts);
  const recipientEmail = hit.ri !== undefined ? message?.recipients[hit.ri]?.email : hit.re;
  const rk = recipientKey(hit, recipientEmail);
  const client = clientName(hit.ua);
  return {
    hit,
    message,
    recipientEmail,
    row: {
      workspace_id: hit.ws,
      id: hit.id,
      at: hit.at,
      message_id: hit.msg,
      kind: hit.kind,
      link_index: hit.link ?? null,
      recipient_index: hit.ri ?? null,
      recipient: hit.re ?? null,
      classification: verdict.classification,
      reason: verdict.reason,
      ip: hit.ip,
      user_agent: hit.ua,
    },
    tally: {
      id: hit.id,
      at: hit.at,
      ws: hit.ws,
      msg: hit.msg,
      userId: message?.userId,
      kind: hit.kind,
      link: hit.link,
      linkType: hit.linkType,
      url: (hit.link !== undefined ? message?.links[hit.link] : undefined) ?? hit.url,
      counted: isCounted(hit, verdict),
      reason: verdict.reason,
      recipientKey: rk.key,
      recipientKnown: rk.known,
      client,
    },
  };
}

function suppressions(news: Prepared[]) {
  const seen = new Set<string>();
  const rows = [];
  for (const p of news) {
    const email = p.recipientEmail?.toLowerCase();
    if (p.hit.kind !== 'unsubscribe' || !email || seen.has(`${p.hit.ws}|${email}`)) continue;
    seen.add(`${p.hit.ws}|${email}`);
    rows.push({ workspace_id: p.hit.ws, email, at: new Date(p.hit.at).toISOString(), message_id: p.hit.msg });
  }
  return rows;
}

function envelope(p: Prepared, firstOpen: boolean): Envelope {
  const event = streamEvent({
    id: p.row.id,
    messageId: p.row.message_id,
    subject: p.message?.subject ?? '',
    kind: p.hit.kind,
    classification: p.row.classification as StreamEvent['classification'],
    at: p.hit.at,
    firstOpen,
    ...(p.tally.url ? { url: p.tally.url } : {}),
    ...(p.recipientEmail ? { recipient: p.recipientEmail } : {}),
  });
  return { ws: p.hit.ws, user: p.message?.userId ?? null, event };
}

/** The same hit twice in one batch (a replayed line) is one event. */
function unique(hits: Hit[]): Hit[] {
  const seen = new Set<string>();
  return hits.filter((h) => !seen.has(h.id) && seen.add(h.id));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
