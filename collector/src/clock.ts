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
