import type { Clock } from '../../src/clock.ts';

/**
 * A clock that moves only when told to, for tests of time-dependent rules; `step` ms per reading keeps readings
 * distinct and ordered.
 */
export function manualClock(start: number | Date = Date.now(), step = 0): Clock & { advance(ms: number): void; set(t: number | Date): void } {
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
