import { browser, type Browser } from 'wxt/browser';
import { MAX_STATUS_LOOKUPS, MessageStatusListSchema, type MessageStatus } from '@beacon/shared/api/message-status';
import { MARKS_PORT, type MailboxQuery, type MarksUpdate, type Result } from '../utils/messaging';
import { accountItem, mailboxThreadsItem, sentRecordsItem, serialized } from '../utils/storage';
import { callCollector } from './collector-client';
import { matchSent } from './sent-records';

/** Requests made within this long of each other (rows, a thread, other tabs) go out as one. */
const BATCH_MS = 15;
const CACHED = 2000;
const THREADS_KEPT = 2000;
/** A message has one id: its pixel's token (the shortest) says it, a link's stands in when there is no pixel. */
const TOKENS_PER_ITEM = 2;

/** Marks by message id, kept fresh by the stream (markHit) rather than by asking again: nothing polls. */
const statuses = new Map<string, MessageStatus>();
/** What the collector said of each token: its message's id, or null when it is not one the user may see. */
const tokenIds = new Map<string, string | null>();
/** Ids learned for a thread that the collector does not show this user (another account's, deleted). */
const hiddenIds = new Set<string>();
const ports = new Set<Browser.runtime.Port>();
/** Several tabs ask at once: what each learns about threads is added to what is stored then, not written over it. */
const storedThreads = serialized(mailboxThreadsItem);
let pending: { tokens: Set<string>; ids: Set<string>; done: ((r: Result<void>) => void)[] } | null = null;

export function startMarks(onConnect: () => void): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== MARKS_PORT) return;
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    onConnect(); // the stream is what keeps the marks fresh
  });
  accountItem.watch(() => {
    statuses.clear();
    tokenIds.clear();
    hiddenIds.clear();
  });
}

export async function mailboxStatus({ host, items }: { host: string; items: MailboxQuery[] }): Promise<Result<MessageStatus[][]>> {
  const [threads, records] = await Promise.all([storedThreads.read(), sentRecordsItem.getValue()]);
  const key = (threadId: string) => `${host}:${threadId}`;
  /** The threads this call learned something of (their ids in `threads`). */
  const learned = new Set<string>();
  // A row whose thread was never open: the message this browser registered with its subject and recipient, if one.
  for (const item of items) {
    if (item.kind !== 'row' || !item.threadId || threads[key(item.threadId)]) continue;
    const id = matchSent(records, item.subject ?? '', item.recipients ?? []);
    if (id) {
      threads[key(item.threadId)] = [id];
      learned.add(key(item.threadId));
    }
  }
  const tokens = items.flatMap((i) => i.tokens.slice(0, TOKENS_PER_ITEM)).filter((t) => !tokenIds.has(t));
  const ids = items
    .flatMap((i) => (i.kind === 'row' && i.threadId ? (threads[key(i.threadId)] ?? []) : []))
    .filter((id) => !statuses.has(id) && !hiddenIds.has(id));
  if (tokens.length || ids.length) {
    const fetched = await fetchStatuses(tokens, ids);
    if (!fetched.ok) return fetched;
  }
  const answer = items.map((item) => {
    const found = new Set(item.tokens.slice(0, TOKENS_PER_ITEM).flatMap((t) => tokenIds.get(t) ?? []));
    if (item.threadId) {
      const known = threads[key(item.threadId)] ?? [];
      const added = [...found].filter((id) => !known.includes(id));
      if (added.length) {
        threads[key(item.threadId)] = [...known, ...added];
        learned.add(key(item.threadId));
      }
      if (item.kind === 'row') for (const id of known) found.add(id);
    }
    return [...found].flatMap((id) => statuses.get(id) ?? []);
  });
  if (learned.size)
    await storedThreads.update((now) => {
      const next = { ...now };
      for (const k of learned) next[k] = [...new Set([...(now[k] ?? []), ...threads[k]!])];
      return newest(next, THREADS_KEPT);
    });
  return { ok: true, value: answer };
}

/** A hit on a message a mailbox shows: ask for its marks again (batched with others) and push them to the pages. */
export function markHit(messageId: string): void {
  if (!statuses.has(messageId)) return;
  void fetchStatuses([], [messageId]).then((r) => {
    const status = statuses.get(messageId);
    if (r.ok && status) push([status]);
  });
}

/** Back online: what happened meanwhile may not all be replayed, so the marks shown are asked for again, once. */
export function marksReconnected(): void {
  const ids = [...statuses.keys()];
  if (ids.length === 0 || ports.size === 0) return;
  void fetchStatuses([], ids).then((r) => r.ok && push(ids.flatMap((id) => statuses.get(id) ?? [])));
}

function push(messages: MessageStatus[]): void {
  const update: MarksUpdate = { type: 'statuses', messages };
  for (const port of ports) {
    try {
      port.postMessage(update);
    } catch {
      ports.delete(port); // the tab went away between two events
    }
  }
}

function fetchStatuses(tokens: string[], ids: string[]): Promise<Result<void>> {
  return new Promise((resolve) => {
    if (!pending) {
      pending = { tokens: new Set(), ids: new Set(), done: [] };
      setTimeout(() => void flush(), BATCH_MS);
    }
    for (const t of tokens) pending.tokens.add(t);
    for (const id of ids) pending.ids.add(id);
    pending.done.push(resolve);
  });
}

async function flush(): Promise<void> {
  const batch = pending!;
  pending = null;
  const lookups = [...[...batch.tokens].map((t) => ({ token: t })), ...[...batch.ids].map((id) => ({ id }))];
  let outcome: Result<void> = { ok: true, value: undefined };
  for (let at = 0; at < lookups.length; at += MAX_STATUS_LOOKUPS) {
    const chunk = lookups.slice(at, at + MAX_STATUS_LOOKUPS);
    const tokens = chunk.flatMap((l) => ('token' in l ? [l.token] : []));
    const ids = chunk.flatMap((l) => ('id' in l ? [l.id] : []));
    const result = await callCollector(MessageStatusListSchema, '/api/messages/status', { method: 'POST', body: { tokens, ids } });
    if (!result.ok) {
      outcome = result;
      continue;
    }
    for (const m of result.value.messages) remember(m);
    for (const t of tokens) tokenIds.set(t, result.value.tokens[t] ?? null);
    for (const id of ids) {
      if (result.value.messages.some((m) => m.id === id)) continue;
      statuses.delete(id);
      hiddenIds.add(id);
    }
  }
  for (const done of batch.done) done(outcome);
}

function remember(m: MessageStatus): void {
  statuses.delete(m.id); // re-inserted last: the oldest goes first
  statuses.set(m.id, m);
  if (statuses.size > CACHED) statuses.delete(statuses.keys().next().value!);
  if (tokenIds.size > CACHED * 4) tokenIds.delete(tokenIds.keys().next().value!);
}

/** The last `n` entries (insertion order: the most recently learned threads stay). */
function newest<T>(record: Record<string, T>, n: number): Record<string, T> {
  const entries = Object.entries(record);
  return entries.length > n ? Object.fromEntries(entries.slice(-n)) : record;
}

/** The popup's report of a message, in a tab: a content script cannot open the popup itself. */
export async function openReport({ id }: { id: string }): Promise<{ ok: true }> {
  if (/^[0-9a-f-]{36}$/i.test(id)) await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html#/message/${id}/global`) });
  return { ok: true };
}
