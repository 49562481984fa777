import { close, constants, open as openFd, readFileSync, unlinkSync, write, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The files behind the spool (see 2-spool.ts): segments, their lock, and the few system calls they need. */
export interface SegmentFile {
  seq: number;
  path: string;
  fd: number;
}

export function segmentPath(dir: string, seq: number): string {
  return join(dir, `${String(seq).padStart(10, '0')}.log`);
}

/**
 * A new segment, zero-filled to its full size and synced, then opened for O_DSYNC writes: each write returns once
 * its bytes are on disk (one system call instead of write + fdatasync), and since the blocks already exist no
 * file-size metadata has to be committed with it (the technique databases use for their write-ahead logs).
 */
export async function createSegment(dir: string, seq: number, bytes: number): Promise<SegmentFile> {
  // All on the threadpool: a synchronous fsync of megabytes here stalled every request for milliseconds.
  const path = segmentPath(dir, seq);
  const fill = await open(path, 'wx', 0o600);
  try {
    const zeros = Buffer.alloc(Math.min(bytes, 1 << 20));
    for (let at = 0; at < bytes; at += zeros.length) await fill.write(zeros, 0, zeros.length, at);
    await fill.sync();
  } finally {
    await fill.close();
  }
  await syncDir(dir); // the new file's name must survive a crash too
  // A bare descriptor, not a FileHandle: a handle would be closed when garbage-collected.
  const fd = await promisify(openFd)(path, constants.O_WRONLY | constants.O_DSYNC);
  return { seq, path, fd };
}

/** Bytes of whole lines in a segment left by an earlier run: up to its last newline (then zeros or a torn line). */
export function dataSize(path: string): number {
  return readFileSync(path).lastIndexOf(0x0a) + 1;
}

/** Whole lines from `offset`, at most `maxBytes` (more if one line is longer), never past `limit`. */
export async function readLines(path: string, offset: number, limit: number, maxBytes: number): Promise<{ data: Buffer; end: number } | null> {
  const fh = await open(path, 'r');
  try {
    let want = Math.min(maxBytes, limit - offset);
    for (;;) {
      const buf = Buffer.alloc(want);
      const { bytesRead } = await fh.read(buf, 0, want, offset);
      const last = buf.lastIndexOf(0x0a, bytesRead - 1);
      if (last >= 0) return { data: buf.subarray(0, last + 1), end: offset + last + 1 };
      if (offset + bytesRead >= limit) return null; // no whole line before the limit
      want = Math.min(want * 2, limit - offset);
    }
  } finally {
    await fh.close();
  }
}

export const writeAt = (fd: number, buf: Buffer, position: number) =>
  new Promise<void>((resolve, reject) =>
    write(fd, buf, 0, buf.length, position, (e, n) => (e ? reject(e) : n !== buf.length ? reject(new Error('short write')) : resolve())),
  );

export const closeFd = (fd: number) => new Promise<void>((resolve) => close(fd, () => resolve()));

async function syncDir(dir: string): Promise<void> {
  const fd = await open(dir, 'r');
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}

const held = new Set<string>();

/** One process per spool directory: a LOCK file with the owner's pid; a dead owner's lock is taken over. */
export function lockDir(dir: string): void {
  const lock = join(dir, 'LOCK');
  if (held.has(dir)) throw new Error(`The spool ${dir} is already open in this process`);
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`The spool ${dir} belongs to running process ${pid}; give each collector its own BEACON_INSTANCE_ID or BEACON_SPOOL_DIR`);
    }
    writeFileSync(lock, String(process.pid));
  }
  held.add(dir);
}

export function unlockDir(dir: string): void {
  held.delete(dir);
  try {
    unlinkSync(join(dir, 'LOCK'));
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
