import { watch } from 'vue';

/**
 * Loads again what failed while the collector could not be reached (this computer offline, the stream down), once it
 * can be again: `reachable` turns true when the browser is online and the background's stream is live, which is
 * later than the browser's own `online` event (a request made at that moment still failed, and stayed failed).
 * Once per outage, so a collector that refuses the request is not asked in a loop.
 */
export function reloadWhenReachable(reachable: () => boolean, status: () => string, reload: () => unknown): void {
  let missed = !reachable();
  watch([reachable, status], ([isReachable, now]) => {
    if (!isReachable) missed = true;
    else if (now === 'ready') missed = false;
    else if (missed && now === 'error') {
      missed = false;
      void reload();
    }
  });
}
