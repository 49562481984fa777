import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(16 * 256);
let used = pool.length;
const id = Buffer.alloc(16);

let lastMs = -1;
/** RFC 9562 method 1: a 42-bit counter in rand_a (12 bits) and the top of rand_b (30 bits). */
let counterHigh = 0;
let counterLow = 0;

/**
 * A time-ordered UUID (version 7, RFC 9562): 48 bits of milliseconds, a counter, random bits. Ids made in this
 * process only grow (stream replay reads `id > cursor`): within a millisecond the counter counts up from a random
 * start below half its range, so 2^41 ids fit in one millisecond. The milliseconds are `ms` exactly, as replay
 * reads an event's time from its id; the system clock (clock.ts) never goes back, so neither do they.
 */
export function uuidv7(ms: number): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const random = pool.subarray(used, used + 16);
  used += 16;
  if (ms === lastMs) {
    counterLow = (counterLow + 1) & 0x3fffffff;
    if (counterLow === 0) counterHigh = (counterHigh + 1) & 0xfff;
  } else {
    lastMs = ms;
    counterHigh = random.readUInt16BE(0) & 0x7ff; // top bit clear: room to count
    counterLow = random.readUInt32BE(2) & 0x3fffffff;
  }
  id.writeUIntBE(ms, 0, 6);
  id[6] = 0x70 | (counterHigh >> 8);
  id[7] = counterHigh & 0xff;
  id.writeUInt32BE((0x80000000 | counterLow) >>> 0, 8); // variant 10, then the counter's 30 bits
  random.copy(id, 12, 12, 16);
  const h = id.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
