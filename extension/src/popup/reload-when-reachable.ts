import { onScopeDispose, watch } from 'vue';

/** A reload that fails again soon after the collector is back (its first requests can still time out) is retried. */
const RETRY_DELAYS_MS = [0, 2000, 8000];

/**
 * Loads again what failed while the collector could not be reached (this computer offline, the stream down), once it
 * can be again: `reachable` turns true when the browser is online and the background's stream is live, which is
 * later than the browser's own `online` event (a request made at that moment still failed, and stayed failed).
 * A few times per outage, spaced out, so a collector that refuses the request is not asked in a loop.
 */
export function reloadWhenReachable(reachable: () => boolean, status: () => string, reload: () => unknown): void {
  let owed = reachable() ? 0 : RETRY_DELAYS_MS.length;
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch([reachable, status], ([isReachable, now]) => {
    clearTimeout(timer);
    if (!isReachable) owed = RETRY_DELAYS_MS.length;
    else if (now === 'ready') owed = 0;
    else if (now === 'error' && owed > 0) {
      const delay = RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - owed--]!;
      timer = setTimeout(() => void reload(), delay);
    }
  });
  onScopeDispose(() => clearTimeout(timer));
}
