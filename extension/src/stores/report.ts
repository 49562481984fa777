import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { MessageDetail } from '@beacon/shared/api/messages';
import type { Report, ReportScope, StreamEvent } from '@beacon/shared/api/reports';
import { askBackground, type Failure } from '../utils/messaging';
import { coalesce } from '../popup/coalesce';

export interface ReportTarget {
  scope: ReportScope;
  /** Unset: every message the user may see. */
  messageId?: string;
}

/** One report at a time (the popup shows one view), refreshed when an event for it arrives. */
export const useReportStore = defineStore('report', () => {
  const target = ref<ReportTarget | null>(null);
  const report = shallowRef<Report | null>(null);
  const message = shallowRef<MessageDetail | null>(null);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<Failure | null>(null);
  let generation = 0;

  async function fetchReport(quiet: boolean) {
    const wanted = target.value;
    if (!wanted) return;
    const mine = ++generation;
    if (!quiet) status.value = 'loading';
    const [answer, detail] = await Promise.all([
      askBackground('getReport', { scope: wanted.scope, ...(wanted.messageId ? { messageId: wanted.messageId } : {}) }),
      wanted.messageId ? askBackground('getMessage', { id: wanted.messageId }) : Promise.resolve(null),
    ]);
    if (mine !== generation) return;
    if (detail?.ok) message.value = detail.value;
    if (!answer.ok || (detail && !detail.ok)) {
      error.value = !answer.ok ? answer : detail && !detail.ok ? detail : null;
      // A failed background refresh keeps the figures on screen; only a first load shows the error instead.
      if (!quiet || !report.value) status.value = 'error';
      return;
    }
    report.value = answer.value;
    error.value = null;
    status.value = 'ready';
  }

  const refresher = coalesce(() => fetchReport(true));

  function show(next: ReportTarget) {
    const same = target.value?.scope === next.scope && target.value?.messageId === next.messageId;
    if (same && status.value !== 'error') return refresher.request(); // back to a report already shown: refresh quietly
    if (target.value?.messageId !== next.messageId) message.value = null;
    target.value = next;
    report.value = null;
    refresher.cancel();
    return fetchReport(false);
  }

  function reload() {
    return fetchReport(false);
  }

  /** Another event for what is on screen: fetch the report again, coalesced. */
  function applyEvent(event: StreamEvent) {
    if (!target.value || (target.value.messageId && target.value.messageId !== event.messageId)) return;
    refresher.request();
  }

  /** The live window slides by a minute even without events. */
  function tick() {
    if (target.value?.scope === 'live') refresher.request();
  }

  return { target, report, message, status, error, show, reload, applyEvent, tick };
});
