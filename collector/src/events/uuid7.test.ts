import { describe, expect, it } from 'vitest';
import { parseCursor } from '../stream/replay.ts';
import { uuidv7 } from './uuid7.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('only grows under a burst of ids in one millisecond, each encoding that millisecond', () => {
    const ms = Date.UTC(2030, 0, 15, 12, 0, 0, 7);
    const burst = Array.from({ length: 100_000 }, () => uuidv7(ms));
    for (let i = 1; i < burst.length; i++) if (!(burst[i - 1]! < burst[i]!)) expect.fail(`id ${i} is not above the one before: ${burst[i - 1]} ${burst[i]}`);
    expect(new Set(burst).size).toBe(burst.length);
    for (const id of [burst[0]!, burst.at(-1)!]) {
      expect(id).toMatch(V7);
      expect(parseCursor(id)!.ms).toBe(ms); // replay reads the event's time from its id
    }
  });

  it('only grows across milliseconds, bursts included, as Postgres orders uuids', () => {
    const start = Date.UTC(2030, 0, 15, 12, 0, 0);
    const ids = Array.from({ length: 50_000 }, (_, i) => uuidv7(start + Math.floor(i / 997)));
    expect([...ids].sort()).toEqual(ids); // byte order, which is the uuid order of Postgres
  });

  it('starts each millisecond at a random place, so ids are not guessable from the time alone', () => {
    const ms = Date.UTC(2031, 5, 1);
    const counter = (id: string) => id.slice(15, 18) + id.slice(19, 23) + id.slice(24, 28);
    const firsts = new Set(Array.from({ length: 50 }, (_, i) => counter(uuidv7(ms + 2 * i))));
    expect(firsts.size).toBe(50);
  });
});
