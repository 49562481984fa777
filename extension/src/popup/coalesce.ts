export interface Coalesced {
  /** Asks for a run; many asks close together make one run. */
  request(): void;
  cancel(): void;
}

/**
 * Runs `task` `delayMs` after the first request, never two at once and at most once per `gapMs`:
 * a burst of stream events costs one report request, not one each (no polling storm).
 */
export function coalesce(task: () => Promise<unknown>, { delayMs = 50, gapMs = 500 } = {}): Coalesced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let pending = false;
  let lastStart = -Infinity;

  function schedule() {
    if (timer || running) return;
    const wait = Math.max(delayMs, lastStart + gapMs - Date.now());
    timer = setTimeout(run, wait);
  }

  async function run() {
    timer = undefined;
    pending = false;
    running = true;
    lastStart = Date.now();
    try {
      await task();
    } catch {
      // the task shows its own errors
    } finally {
      running = false;
      if (pending) schedule();
    }
  }

  return {
    request() {
      pending = true;
      schedule();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending = false;
    },
  };
}
