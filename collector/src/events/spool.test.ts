import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSpool, type Spool } from './spool.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const CRASH = join(ROOT, 'test/support/spool-crash.ts');
const dir = () => mkdtempSync(join(tmpdir(), 'spool-test-'));
async function drain(spool: Spool): Promise<string[]> {
  const out: string[] = [];
  for (let chunk = await spool.read(1 << 20); chunk; chunk = await spool.read(1 << 20)) {
    out.push(...chunk.lines);
    await spool.commit(chunk.end);
  }
  return out;
}

describe('spool', () => {
  it('acknowledges appends once synced and hands them to the reader in order', async () => {
    const spool = await openSpool(dir());
    await Promise.all(Array.from({ length: 500 }, (_, i) => spool.append(`line ${i}`)));
    expect(spool.backlog().bytes).toBeGreaterThan(0);
    expect(await drain(spool)).toEqual(Array.from({ length: 500 }, (_, i) => `line ${i}`));
    expect(spool.backlog().bytes).toBe(0);
    await spool.close();
  });

  it('rotates segments and deletes the ones fully written to the database', async () => {
    const d = dir();
    const spool = await openSpool(d, { segmentBytes: 1000 });
    for (let i = 0; i < 100; i++) await spool.append(`${i}`.padEnd(50, '.'));
    expect(readdirSync(d).filter((f) => f.endsWith('.log')).length).toBeGreaterThan(3);
    expect((await drain(spool)).length).toBe(100);
    expect(readdirSync(d).filter((f) => f.endsWith('.log')).length).toBe(1);
    await spool.close();
    expect(readdirSync(d).filter((f) => f.endsWith('.log'))).toEqual([]);
  });

  it('replays what was not committed after a crash, skipping a torn last line', async () => {
    const d = dir();
    const crash = spawnSync(process.execPath, ['--import', 'tsx', CRASH, d, '10', 'event 10 torn mid-wri'], { cwd: ROOT });
    expect(crash.signal).toBe('SIGKILL');
    const spool = await openSpool(d); // the dead process's lock is taken over
    expect(await drain(spool)).toEqual(Array.from({ length: 10 }, (_, i) => `event ${i}`)); // from the segment's start
    await spool.close();
  });

  it('refuses a spool directory already open', async () => {
    const d = dir();
    const spool = await openSpool(d);
    await expect(openSpool(d)).rejects.toThrow(/already open/);
    await spool.close();
  });
});
