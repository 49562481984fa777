/** Time as the app sees it; tests pass a clock they can move. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to, for tests of time-dependent rules. */
export function manualClock(start: number | Date = Date.now()): Clock & { advance(ms: number): void; set(t: number | Date): void } {
  let t = typeof start === 'number' ? start : start.getTime();
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (to) => {
      t = typeof to === 'number' ? to : to.getTime();
    },
  };
}
