import { describe, expect, it } from 'vitest';
import { scheduledAtOf } from './scheduled-sends';

const NOW = Date.UTC(2026, 11, 6, 16, 50);
const confirm = () => {};

describe('scheduled sends', () => {
  it('registers the picked time, and a time the collector would refuse as a send now', () => {
    expect(scheduledAtOf({ at: NOW + 3_600_000, confirm }, NOW)).toBe('2026-12-06T17:50:00.000Z');
    expect(scheduledAtOf({ at: null, confirm }, NOW)).toBeUndefined(); // unreadable
    expect(scheduledAtOf({ at: NOW - 3_600_000, confirm }, NOW)).toBeUndefined();
    expect(scheduledAtOf({ at: NOW + 500 * 86_400_000, confirm }, NOW)).toBeUndefined();
    expect(scheduledAtOf(null, NOW)).toBeUndefined();
  });
});
