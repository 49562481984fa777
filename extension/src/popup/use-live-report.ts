import { onMounted, onUnmounted, watch, type WatchSource } from 'vue';
import { useIntervalFn } from '@vueuse/core';
import { useReportStore } from '../stores/report';
import { useLiveStore } from '../stores/live';
import { reloadWhenReachable } from './reload-when-reachable';

type ShowInput = Parameters<ReturnType<typeof useReportStore>['show']>[0];

/**
 * A report view's life: shown on mount and whenever `which` changes, new events applied as they stream in, the
 * live window moved every minute, reloaded when the browser comes back online after an error.
 */
export function useLiveReport(which: WatchSource<ShowInput>) {
  const store = useReportStore();
  const live = useLiveStore();
  const current = typeof which === 'function' ? which : () => which.value;
  onMounted(() => store.show(current()));
  watch(which, (input) => store.show(input));
  const stop = live.onHit((event) => store.applyEvent(event));
  onUnmounted(stop);
  useIntervalFn(() => store.tick(), 60_000);
  reloadWhenReachable(
    () => live.online && live.status === 'live',
    () => store.status,
    () => store.reload(),
  );
  return store;
}
