import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linesOf, openSpool, type Spool } from './2-spool.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const CRASH = join(ROOT, 'test/support/spool-crash.ts');
const dir = () => mkdtempSync(join(tmpdir(), 'spool-test-'));
const open = (d: string, o: { segmentBytes?: number; memoryBytes?: number } = {}) => openSpool(d, o);
const append = (spool: Spool, line: string) => new Promise<void>((resolve, reject) => spool.append(line, (e) => (e ? reject(e) : resolve())));
/** Every chunk the reader gets until the spool is empty: its lines, and whether it came from memory. */
async function chunks(spool: Spool): Promise<{ lines: string[]; memory: boolean }[]> {
  const out = [];
  for (let chunk = await spool.read(1 << 20); chunk; chunk = await spool.read(1 << 20)) {
    out.push({ lines: linesOf(chunk.data), memory: chunk.fromMemory === true });
    await spool.commit(chunk.end);
  }
  return out;
}
const drain = async (spool: Spool) => (await chunks(spool)).flatMap((c) => c.lines);

describe('spool', () => {
  it('acknowledges appends once synced and hands them to the reader in order', async () => {
    const spool = await open(dir());
    await Promise.all(Array.from({ length: 500 }, (_, i) => append(spool, `line ${i}`)));
    expect(spool.backlog().bytes).toBeGreaterThan(0);
    expect(await drain(spool)).toEqual(Array.from({ length: 500 }, (_, i) => `line ${i}`));
    expect(spool.backlog().bytes).toBe(0);
    await spool.close();
  });

  it('rotates segments and deletes the ones fully written to the database', async () => {
    const d = dir();
    const spool = await open(d, { segmentBytes: 1000 });
    for (let i = 0; i < 100; i++) await append(spool, `${i}`.padEnd(50, '.'));
    expect(spool.syncHistogram().reduce((a, b) => a + b)).toBe(100); // one synced write each, timed
    expect(readdirSync(d).filter((f) => f.endsWith('.log')).length).toBeGreaterThan(3);
    expect((await drain(spool)).length).toBe(100);
    expect(readdirSync(d).filter((f) => f.endsWith('.log')).length).toBeLessThanOrEqual(2); // the active one and a spare
    await spool.close();
    expect(readdirSync(d).filter((f) => f.endsWith('.log'))).toEqual([]);
  });

  it('replays what was not committed after a crash, skipping a torn last line', async () => {
    const d = dir();
    const crash = spawnSync(process.execPath, ['--import', 'tsx', CRASH, d, '10', 'event 10 torn mid-wri'], { cwd: ROOT });
    expect(crash.signal).toBe('SIGKILL');
    const spool = await open(d); // the dead process's lock is taken over
    expect(await drain(spool)).toEqual(Array.from({ length: 10 }, (_, i) => `event ${i}`)); // from the segment's start
    await spool.close();
  });

  it('keeps the order of concurrent appends across segment rotations', async () => {
    const d = dir();
    const spool = await open(d, { segmentBytes: 4096 });
    const lines = Array.from({ length: 2000 }, (_, i) => `concurrent ${i}`);
    const reading = (async () => {
      const got: string[] = [];
      while (got.length < lines.length) {
        const chunk = await spool.read(1 << 16);
        if (!chunk) await spool.waitForData(50);
        else {
          got.push(...linesOf(chunk.data));
          await spool.commit(chunk.end);
        }
      }
      return got;
    })();
    await Promise.all(lines.map((l) => append(spool, l)));
    expect(await reading).toEqual(lines);
    await spool.close();
    expect(readdirSync(d).filter((f) => f.endsWith('.log'))).toEqual([]);
  });

  it('reads from disk what it could not keep in memory, in order', async () => {
    const spool = await open(dir(), { memoryBytes: 30, segmentBytes: 200 });
    const lines = Array.from({ length: 40 }, (_, i) => `item ${i}`);
    for (const batch of [lines.slice(0, 10), lines.slice(10, 25), lines.slice(25)]) await Promise.all(batch.map((l) => append(spool, l)));
    const got = await chunks(spool);
    expect(got.flatMap((c) => c.lines)).toEqual(lines);
    expect(got.some((c) => c.memory)).toBe(true); // some came from memory
    expect(got.some((c) => !c.memory)).toBe(true); // some were read back
    await spool.close();
  });

  it('after memory filled up, keeps nothing more until the reader has caught up, so disk reads come in long runs', async () => {
    const spool = await open(dir(), { memoryBytes: 500 });
    const group = (g: number) => Array.from({ length: 10 }, (_, i) => `item ${g * 10 + i}`.padEnd(9, '.'));
    const appendGroup = (g: number) => Promise.all(group(g).map((l) => append(spool, l)));
    for (let g = 0; g < 6; g++) await appendGroup(g); // groups 0-4 fill memory; group 5 only on disk
    const first = (await spool.read(100))!; // 10 lines of 10 bytes: group 0, from memory
    expect([linesOf(first.data), first.fromMemory]).toEqual([group(0), true]);
    await spool.commit(first.end);
    await appendGroup(6); // there is room again, but groups 1-4 are not read yet: group 6 goes to disk only
    expect(await chunks(spool)).toEqual([
      { lines: [1, 2, 3, 4].flatMap(group), memory: true },
      { lines: [...group(5), ...group(6)], memory: false },
    ]);
    await spool.close();
  });

  it('refuses a spool directory already open', async () => {
    const d = dir();
    const spool = await open(d);
    await expect(open(d)).rejects.toThrow(/already open/);
    await spool.close();
  });
});
