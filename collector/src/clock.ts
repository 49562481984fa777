/** Time as the app sees it; tests pass a clock they can move. */
export interface Clock {
  now(): number;
}

let latest = 0;
/** Wall time that never goes back within the process (an NTP step would): event ids and `at` only grow. */
export const systemClock: Clock = {
  now: () => {
    const now = Date.now();
    if (now > latest) latest = now;
    return latest;
  },
};

/**
 * A clock that moves only when told to, for tests of time-dependent rules; `step` ms per reading keeps readings
 * distinct and ordered.
 */
export function manualClock(
  start: number | Date = Date.now(),
  step = 0,
): Clock & { advance(ms: number): void; set(t: number | Date): void } {
  let t = typeof start === 'number' ? start : start.getTime();
  return {
    now: () => {
      const now = t;
      t += step;
      return now;
    },
    advance: (ms) => {
      t += ms;
    },
    set: (to) => {
      t = typeof to === 'number' ? to : to.getTime();
    },
  };
}
