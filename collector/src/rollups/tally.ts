import type { EventKind } from '@beacon/shared/api/common';
import { cutText } from '@beacon/shared/text';
import { isOptOutPage, linkDim } from './link-dims.ts';
import { BREAKDOWN_GRAINS, combine, SCOPES, SERIES_GRAINS, TOTAL_ONLY, type Grain, type Metric, type Scope } from './metrics.ts';
import { DAY, HOUR, MINUTE } from './time.ts';

/**
 * What a batch of new events adds to the rollups. Pure: the writer feeds it the events the database just accepted
 * (replays never reach it) and which first-time (recipient, action) pairs were new, and upserts what it returns.
 *
 * Series metrics at every grain, breakdowns by hour (for live reports) and in total, extremes in total (metrics.ts).
 */

export interface RollupRow {
  workspace_id: string;
  scope: Scope;
  scope_id: string;
  grain: Grain;
  bucket: string;
  metric: Metric;
  dim: string;
  n: number;
}

export interface TallyEvent {
  id: string;
  at: number;
  ws: string;
  msg: string;
  userId: string | undefined;
  kind: EventKind;
  link?: number;
  linkType?: string;
  url?: string;
  counted: boolean;
  reason: string;
  recipientKey: string;
  recipientKnown: boolean;
  client: string;
}

export interface UniqueRow {
  workspace_id: string;
  message_id: string;
  kind: string;
  recipient_key: string;
  at: string;
}

const OPENED = 'opened'; // one row per message: it has been opened
/** A click the Clicks total counts: not `{{unsubscribe_url}}`, a mirror-page link or an opt-out page. */
const isTrackedClick = (e: TallyEvent) => e.linkType === undefined || e.linkType === 'tracked';
export const uniqueKey = (msg: string, kind: string, rk: string) => `${msg}\u0001${kind}\u0001${rk}`;

/** Which first-time pairs to try to insert, and which events are clicks that count as an open too. */
export function planUniques(events: TallyEvent[], openedBefore: ReadonlySet<string>): { rows: UniqueRow[]; implied: Set<string> } {
  const opened = new Set(openedBefore);
  const rows = new Map<string, UniqueRow>();
  const implied = new Set<string>();
  const want = (e: TallyEvent, kind: string, rk: string) => {
    const k = uniqueKey(e.msg, kind, rk);
    if (!rows.has(k)) rows.set(k, { workspace_id: e.ws, message_id: e.msg, kind, recipient_key: rk, at: new Date(e.at).toISOString() });
  };
  for (const e of events) {
    if (!e.counted) continue;
    if (e.kind === 'open') {
      want(e, 'open', e.recipientKey);
      want(e, OPENED, '');
      opened.add(e.msg);
    } else if (e.kind === 'click') {
      if (isTrackedClick(e)) want(e, 'click', e.recipientKey);
      if (isOptOutPage(e.linkType, e.url)) want(e, 'optout', e.recipientKey);
      want(e, `link:${e.link ?? 0}`, e.recipientKey);
      // A known recipient who clicks has opened; an unknown one counts as an open only if nobody has opened yet.
      if (e.recipientKnown || !opened.has(e.msg)) {
        implied.add(e.id);
        want(e, 'open', e.recipientKey);
        want(e, OPENED, '');
        opened.add(e.msg);
      }
    } else if (e.kind === 'unsubscribe') {
      want(e, 'unsubscribe', e.recipientKey);
    }
  }
  return { rows: [...rows.values()], implied };
}

export interface Tally {
  rows: RollupRow[];
  /** Events that were their message's first open (for notifications). */
  firstOpens: Set<string>;
}

/** Rollup increments for the new events; `fresh` holds the unique keys the database had not seen. */
export function tally(events: TallyEvent[], fresh: ReadonlySet<string>, implied: ReadonlySet<string>): Tally {
  // Counts are first summed per message, minute, metric and dim, then spread over scopes and grains once per group:
  // a busy campaign's batch of hundreds of hits becomes a handful of groups.
  const groups = new Map<string, { e: Pick<TallyEvent, 'ws' | 'userId' | 'msg' | 'at'>; metric: Metric; grains: readonly Grain[]; dim: string; n: number }>();
  const unseen = new Set(fresh);
  const take = (e: TallyEvent, kind: string, rk: string) => unseen.delete(uniqueKey(e.msg, kind, rk));
  const firstOpens = new Set<string>();
  // Defined once per batch, not per event: closures made per event were a measurable part of the write thread.
  const add = (e: TallyEvent, metric: Metric, grains: readonly Grain[], dim = '', n = 1) => {
    const extreme = metric === 'first' || metric === 'last' || metric === 'first_open' || metric === 'last_open';
    const at = extreme ? e.at : Math.floor(e.at / MINUTE) * MINUTE;
    const key = extreme ? `${e.msg}\u0001${metric}` : `${e.msg}\u0001${at}\u0001${metric}\u0001${dim}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { e: { ws: e.ws, userId: e.userId, msg: e.msg, at }, metric, grains, dim, n });
    else g.n = combine(metric, g.n, n);
  };
  const opens = (e: TallyEvent) => {
    add(e, 'opens', SERIES_GRAINS);
    if (take(e, 'open', e.recipientKey)) add(e, 'uopens', SERIES_GRAINS);
    if (take(e, OPENED, '')) firstOpens.add(e.id);
  };
  for (const e of events) {
    if (!e.counted) {
      add(e, 'excluded', BREAKDOWN_GRAINS, e.reason);
      continue;
    }
    if (e.kind === 'open') {
      opens(e);
      add(e, 'client', BREAKDOWN_GRAINS, e.client);
      add(e, 'first_open', TOTAL_ONLY, '', e.at);
      add(e, 'last_open', TOTAL_ONLY, '', e.at);
    } else if (e.kind === 'click') {
      const dim = linkDim(e.linkType, cutText(e.url ?? '', 1000));
      if (isTrackedClick(e)) {
        add(e, 'clicks', SERIES_GRAINS);
        if (take(e, 'click', e.recipientKey)) add(e, 'uclicks', SERIES_GRAINS);
      } else if (isOptOutPage(e.linkType, e.url) && take(e, 'optout', e.recipientKey)) {
        add(e, 'optouts', SERIES_GRAINS);
      }
      add(e, 'link', BREAKDOWN_GRAINS, dim);
      if (take(e, `link:${e.link ?? 0}`, e.recipientKey)) add(e, 'ulink', BREAKDOWN_GRAINS, dim);
      if (implied.has(e.id)) {
        // A known recipient's click is their open only if they had not opened; planUniques settled the rest.
        if (!e.recipientKnown) opens(e);
        else if (take(e, 'open', e.recipientKey)) {
          add(e, 'opens', SERIES_GRAINS);
          add(e, 'uopens', SERIES_GRAINS);
          if (take(e, OPENED, '')) firstOpens.add(e.id);
        }
      }
    } else if (e.kind === 'mirror') {
      add(e, 'mirrors', SERIES_GRAINS); // a view of the mirror page: never an open (nothing says the mail was read)
    } else if (e.kind === 'unsubscribe') {
      if (take(e, 'unsubscribe', e.recipientKey)) add(e, 'unsubs', SERIES_GRAINS); // once per person however often posted
    }
    add(e, 'first', TOTAL_ONLY, '', e.at);
    add(e, 'last', TOTAL_ONLY, '', e.at);
  }
  const acc = new Map<string, RollupRow>();
  for (const g of groups.values()) addRows(acc, g.e, g.metric, g.grains, g.dim, g.n);
  return { rows: sorted(acc), firstOpens };
}

/** `sent` (recipients) for a newly registered message. */
export function sentRows(ws: string, userId: string, msg: string, at: number, recipients: number): RollupRow[] {
  const acc = new Map<string, RollupRow>();
  addRows(acc, { ws, userId, msg, at }, 'sent', SERIES_GRAINS, '', recipients);
  addRows(acc, { ws, userId, msg, at }, 'first_sent', TOTAL_ONLY, '', at);
  return sorted(acc);
}

function addRows(
  acc: Map<string, RollupRow>,
  e: Pick<TallyEvent, 'ws' | 'userId' | 'msg' | 'at'>,
  metric: Metric,
  grains: readonly Grain[],
  dim: string,
  n: number,
): void {
  for (let s = 0; s < 3; s++) {
    const scope = SCOPES[s]!;
    const id = s === 0 ? e.ws : s === 1 ? e.userId : e.msg;
    if (!id) continue;
    for (const grain of grains) {
      const size = GRAIN_MS[grain];
      const at = size === 0 ? 0 : Math.floor(e.at / size) * size;
      const key = `${e.ws}\u0001${scope}\u0001${id}\u0001${grain}\u0001${at}\u0001${metric}\u0001${dim}`;
      const row = acc.get(key);
      if (!row) acc.set(key, { workspace_id: e.ws, scope, scope_id: id, grain, bucket: new Date(at).toISOString(), metric, dim, n });
      else row.n = combine(metric, row.n, n);
    }
  }
}

const GRAIN_MS: Record<Grain, number> = { minute: MINUTE, hour: HOUR, day: DAY, total: 0 };

/** A fixed order (by key), so two collectors upserting the same rows lock them in the same order (no deadlock). */
function sorted(acc: Map<string, RollupRow>): RollupRow[] {
  return [...acc.keys()].sort().map((k) => acc.get(k)!);
}
