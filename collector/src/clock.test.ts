import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock.ts';

afterEach(() => vi.restoreAllMocks());

describe('systemClock', () => {
  it('never goes back when the wall clock is stepped back, and follows it forward again', () => {
    const now = vi.spyOn(Date, 'now');
    const t = Date.UTC(2035, 0, 1);
    now.mockReturnValue(t);
    expect(systemClock.now()).toBe(t);
    now.mockReturnValue(t - 5_000); // an NTP step back
    expect(systemClock.now()).toBe(t);
    now.mockReturnValue(t + 1);
    expect(systemClock.now()).toBe(t + 1);
  });
});
