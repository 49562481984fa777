import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('coalesced refresh', () => {
  it('turns a burst of events into one request, soon after the first', async () => {
    const runs: number[] = [];
    const started = Date.now();
    const c = coalesce(async () => void runs.push(Date.now() - started), { delayMs: 20, gapMs: 200 });
    for (let i = 0; i < 50; i++) c.request();
    await wait(120);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toBeLessThan(100);
  });

  it('runs once more after a request that came in while it ran, no sooner than the gap', async () => {
    const runs: number[] = [];
    const started = Date.now();
    let inFlight = 0;
    let overlapped = false;
    const c = coalesce(
      async () => {
        overlapped ||= inFlight > 0;
        inFlight++;
        runs.push(Date.now() - started);
        await wait(60);
        inFlight--;
      },
      { delayMs: 10, gapMs: 150 },
    );
    c.request();
    await wait(30);
    c.request();
    c.request();
    await wait(400);
    expect(runs).toHaveLength(2);
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(145);
    expect(overlapped).toBe(false);
  });

  it('does nothing once cancelled', async () => {
    let runs = 0;
    const c = coalesce(async () => void runs++, { delayMs: 20, gapMs: 50 });
    c.request();
    c.cancel();
    await wait(60);
    expect(runs).toBe(0);
  });
});
