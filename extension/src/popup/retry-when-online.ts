import { watch } from 'vue';

/**
 * Loads again what failed because this computer was offline, once it is back: also when the request only failed
 * after the connection returned (a request can take a while to fail), which watching the connection alone missed.
 * Once per outage, so a collector that is down is not asked in a loop.
 */
export function retryWhenOnline(online: () => boolean, status: () => string, retry: () => unknown): void {
  let missed = !online();
  watch([online, status], ([isOnline, now]) => {
    if (!isOnline) missed = true;
    else if (now === 'ready') missed = false;
    else if (missed && now === 'error') {
      missed = false;
      void retry();
    }
  });
}
