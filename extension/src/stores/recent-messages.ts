import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { StreamEvent } from '@beacon/shared/api/reports';
import type { MessageSummary } from '@beacon/shared/api/messages';
import { askBackground, type Failure } from '../utils/messaging';
import { coalesce, type Coalesced } from '../popup/coalesce';
import { useLiveStore } from './live';

export const PAGE_SIZE = 20;

/** The popup's recent messages: newest first, a page at a time, filtered by the search box, kept fresh by events. */
export const useRecentMessagesStore = defineStore('recent-messages', () => {
  const items = ref<MessageSummary[]>([]);
  const nextCursor = ref<string | null>(null);
  const query = ref('');
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<Failure | null>(null);
  const loadingMore = ref(false);
  const refreshers = new Map<string, Coalesced>();
  let generation = 0;

  async function load() {
    const mine = ++generation;
    status.value = 'loading';
    performance.mark('beacon:messages-requested'); // the budget script reports where first paint's time goes
    const result = await askBackground('listMessages', { limit: PAGE_SIZE, q: query.value });
    performance.mark('beacon:messages-answered');
    if (mine !== generation) return; // a newer search answered first
    if (!result.ok) {
      error.value = result;
      status.value = 'error';
      return;
    }
    items.value = result.value.items;
    nextCursor.value = result.value.nextCursor;
    error.value = null;
    status.value = 'ready';
  }

  async function loadMore() {
    if (!nextCursor.value || loadingMore.value) return;
    const mine = generation;
    loadingMore.value = true;
    try {
      const result = await askBackground('listMessages', { limit: PAGE_SIZE, q: query.value, cursor: nextCursor.value });
      if (mine !== generation) return;
      if (!result.ok) return void (error.value = result);
      const known = new Set(items.value.map((m) => m.id));
      items.value = [...items.value, ...result.value.items.filter((m) => !known.has(m.id))];
      nextCursor.value = result.value.nextCursor;
    } finally {
      loadingMore.value = false;
    }
  }

  async function refreshOne(id: string) {
    const result = await askBackground('getMessage', { id });
    if (!result.ok) return;
    const { trackOpens: _o, trackClicks: _c, links: _l, mirrorUrl: _m, ...summary } = result.value;
    items.value = items.value.map((m) => (m.id === id ? summary : m));
  }

  /** A new event for a listed message refreshes that row (a burst of events costs one request). */
  function applyEvent(event: StreamEvent) {
    if (!items.value.some((m) => m.id === event.messageId)) return;
    let refresher = refreshers.get(event.messageId);
    if (!refresher) refreshers.set(event.messageId, (refresher = coalesce(() => refreshOne(event.messageId))));
    refresher.request();
  }

  // Subscribed for the popup's lifetime, so rows stay current while a report is on screen.
  useLiveStore().onHit(applyEvent);

  function search(text: string) {
    query.value = text;
    return load();
  }

  return { items, nextCursor, query, status, error, loadingMore, load, loadMore, search, applyEvent };
});
