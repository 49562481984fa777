import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff.ts';

describe('backoffMs', () => {
  it('doubles from the least wait after each failure, up to the most', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((a) => backoffMs(a, 100, 5000))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });
});
