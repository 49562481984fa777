import { browser } from 'wxt/browser';
import type { MessageStatus } from '@beacon/shared/api/message-status';
import type { HostAdapter, MailboxItem } from '../hosts/types';
import { askBackground, MARKS_PORT, type MarksUpdate } from '../utils/messaging';
import { accountItem, collectorUrlItem, mailboxThreadsItem, pixelOriginsItem, sentRecordsItem } from '../utils/storage';
import { lazyMailboxCard } from './mailbox-card-load';
import { createMark, latest, type Mark } from './mailbox-mark';

/** Mutations come in bursts while the host renders a list: one scan after the burst, not one per mutation. */
const SCAN_DELAY_MS = 40;
const RECONNECT_MS = 1000;

/**
 * Read marks in the host's Sent list and open messages (issue 22). Each scan asks the background once for every item
 * not asked about yet; the background batches, caches and pushes changes as the stream reports hits: nothing polls.
 */
export function startMailboxMarks(adapter: HostAdapter, signal: AbortSignal): void {
  const reader = adapter.mailbox;
  if (!reader || window !== window.top) return;
  const card = lazyMailboxCard(signal);
  /** Marks shown, by the id of the message each shows. */
  const shown = new Map<string, Set<Mark>>();
  const bySlot = new WeakMap<HTMLElement, Mark>();
  let asked = new WeakSet<HTMLElement>();
  let origins: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let port: ReturnType<typeof browser.runtime.connect> | null = null;

  const askAgain = () => {
    asked = new WeakSet();
    schedule();
  };
  const schedule = () => {
    if (timer === undefined && !signal.aborted) timer = setTimeout(() => void scan(), SCAN_DELAY_MS);
  };

  async function scan(): Promise<void> {
    timer = undefined;
    const items = reader!.findItems(document, origins).filter((i) => !asked.has(i.slot) && (i.threadId || i.tokens.length));
    if (items.length === 0) return;
    for (const item of items) asked.add(item.slot);
    const result = await askBackground('mailboxStatus', {
      host: adapter.name,
      items: items.map(({ kind, threadId, tokens, subject, recipients }) => ({ kind, threadId, tokens, subject, recipients })),
    }).catch(() => null); // the extension was reloaded under the page
    // Not asked again on every mutation of the host while the collector is unreachable: at the next render or sign-in.
    if (!result?.ok || signal.aborted) return;
    const placed = items.flatMap((item, i) => {
      const status = latest(result.value[i] ?? []);
      // Reads first, then writes: one style pass for the page, not one per row.
      return status ? [{ item, status, static: getComputedStyle(item.slot).position === 'static' }] : [];
    });
    for (const p of placed) place(p.item, p.status, p.static);
  }

  function place(item: MailboxItem, status: MessageStatus, isStatic: boolean): void {
    // The slot holds the mark's position, so it scrolls with the host's list (it moves nothing: no offsets).
    if (isStatic) item.slot.style.position = 'relative';
    // Asked again (a thread learned, a new registration): the mark already there is updated, not replaced.
    let mark = bySlot.get(item.slot);
    if (!mark?.host.isConnected || mark.host.parentElement !== item.slot) {
      mark = createMark((m) => void card.open(m));
      item.slot.prepend(mark.host);
      bySlot.set(item.slot, mark);
    }
    if (mark.status && mark.status.id !== status.id) shown.get(mark.status.id)?.delete(mark);
    mark.show(status);
    const set = shown.get(status.id) ?? new Set();
    set.add(mark);
    shown.set(status.id, set);
    connect();
  }

  function update(update: MarksUpdate): void {
    for (const status of update.messages) {
      for (const mark of shown.get(status.id) ?? []) {
        if (mark.host.isConnected) mark.show(status);
        else shown.get(status.id)!.delete(mark);
      }
    }
  }

  /** Fresh marks come through a port from the background (the stream lives there); it reconnects after a worker restart. */
  function connect(): void {
    if (port || signal.aborted) return;
    port = browser.runtime.connect({ name: MARKS_PORT });
    port.onMessage.addListener((message: MarksUpdate) => update(message));
    port.onDisconnect.addListener(() => {
      port = null;
      // A restarted service worker lost its cache: the page's items are asked again, which also refills it.
      if (!signal.aborted)
        setTimeout(() => {
          connect();
          askAgain();
        }, RECONNECT_MS);
    });
  }

  async function loadOrigins(): Promise<void> {
    const [collectorUrl, pixelOrigins] = await Promise.all([collectorUrlItem.getValue(), pixelOriginsItem.getValue()]);
    origins = [...new Set([collectorUrl, ...pixelOrigins].flatMap((u) => originOf(u) ?? []))];
  }

  const ours = (node: Node) => node instanceof HTMLElement && (node.hasAttribute('data-beacon-mark') || node.hasAttribute('data-beacon-card'));
  const observer = new MutationObserver((records) => {
    if (records.every((r) => [...r.addedNodes, ...r.removedNodes].every(ours))) return; // our own marks
    schedule();
  });
  void loadOrigins().then(() => {
    if (signal.aborted) return;
    observer.observe(document.body, { childList: true, subtree: true });
    schedule();
  });
  addEventListener('hashchange', schedule, { signal }); // Gmail's views are its hash: back to #sent shows the kept rows again
  addEventListener('popstate', schedule, { signal });
  const unwatch = [
    // A thread opened taught a row its message, or a message was just sent: rows are asked again.
    mailboxThreadsItem.watch(askAgain),
    sentRecordsItem.watch(askAgain),
    accountItem.watch(askAgain),
    collectorUrlItem.watch(() => void loadOrigins().then(schedule)),
    pixelOriginsItem.watch(() => void loadOrigins().then(schedule)),
  ];
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(timer);
      port?.disconnect();
      for (const off of unwatch) off();
      for (const set of shown.values()) for (const mark of set) mark.host.remove();
    },
    { once: true },
  );
}

function originOf(url: string): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}
