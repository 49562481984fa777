import { describe, expect, it } from 'vitest';
import { createBurstDetector } from './1-http-bursts.ts';

describe('burst detector', () => {
  it('marks the third distinct link of one message from one network within the window', () => {
    const b = createBurstDetector({ windowMs: 1000, threshold: 3 });
    expect(b.hit('198.51.100.0', 'm1', 0, 0)).toBe(false);
    expect(b.hit('198.51.100.0', 'm1', 0, 100)).toBe(false); // the same link again
    expect(b.hit('198.51.100.0', 'm1', 1, 200)).toBe(false);
    expect(b.hit('203.0.113.0', 'm1', 2, 300)).toBe(false); // another network
    expect(b.hit('198.51.100.0', 'm2', 2, 300)).toBe(false); // another message
    expect(b.hit('198.51.100.0', 'm1', 2, 300)).toBe(true);
    expect(b.hit('198.51.100.0', 'm1', 3, 1250)).toBe(false); // links 0 and 1 are out of the window by now
  });

  it('stays bounded under a flood, dropping what is older than the window first', () => {
    const b = createBurstDetector({ windowMs: 1000, threshold: 3, maxKeys: 100 });
    b.hit('198.51.100.0', 'watched', 0, 1400);
    b.hit('198.51.100.0', 'watched', 1, 1500);
    for (let i = 0; i < 99; i++) b.hit(`10.0.${i}.0`, 'old', 0, 10); // all older than the window at 1500
    for (let i = 0; i < 1000; i++) b.hit(`10.1.${i}.0`, 'new', 0, 1500 + i);
    expect(b.size()).toBeLessThanOrEqual(100);
    // A flood of new pairs: the longest-known go first, so the watched pair's two clicks are forgotten (kept, this would be a burst).
    expect(b.hit('198.51.100.0', 'watched', 2, 1600)).toBe(false);
  });

  it('keeps the pairs within the window when the rest are stale', () => {
    const b = createBurstDetector({ windowMs: 1000, threshold: 3, maxKeys: 100 });
    for (let i = 0; i < 99; i++) b.hit(`10.0.${i}.0`, 'old', 0, 0);
    b.hit('198.51.100.0', 'watched', 0, 1400);
    b.hit('198.51.100.0', 'watched', 1, 1450);
    b.hit('198.51.100.0', 'other', 0, 1500); // full: the 99 stale pairs go, the watched one stays
    expect(b.size()).toBe(2);
    expect(b.hit('198.51.100.0', 'watched', 2, 1500)).toBe(true);
  });
});
