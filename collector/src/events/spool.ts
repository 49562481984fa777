import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A local append-only log of hits, so a hit is durable before it is acknowledged and before the database has it.
 *
 * Appends are group-committed: lines waiting while an fdatasync runs go out together in the next write + fdatasync,
 * and each append resolves once its bytes are synced. The writer reads synced lines from a cursor and commits the
 * cursor once the database has them; fully read segments are deleted. At open, segments left by an earlier run
 * (crash, kill -9, database down at shutdown) are read again from their start: the database ignores rows it has.
 */
export interface SpoolPosition {
  seq: number;
  offset: number;
}

export interface SpoolChunk {
  lines: string[];
  end: SpoolPosition;
}

export interface Spool {
  dir: string;
  /** Resolves once `line` (no newline) is synced to disk. */
  append(line: string): Promise<void>;
  /** Up to `maxBytes` of whole synced lines after the cursor, or null when there are none yet. */
  read(maxBytes: number): Promise<SpoolChunk | null>;
  /** The database has everything up to `end`. */
  commit(end: SpoolPosition): Promise<void>;
  /** Synced bytes not committed yet, and appends not synced yet. */
  backlog(): { bytes: number; segments: number; unsynced: number };
  /** Resolves when new lines are synced, or after `timeoutMs`. */
  waitForData(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

interface Segment {
  seq: number;
  path: string;
  /** Synced bytes. */
  size: number;
  closed: boolean;
}

const held = new Set<string>();

export async function openSpool(dir: string, opts: { segmentBytes?: number } = {}): Promise<Spool> {
  const segmentBytes = opts.segmentBytes ?? 4 * 1024 * 1024;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  lockDir(dir);
  const segments: Segment[] = readdirSync(dir)
    .filter((n) => /^\d{10}\.log$/.test(n))
    .sort()
    .map((n) => ({ seq: Number(n.slice(0, 10)), path: join(dir, n), size: statSync(join(dir, n)).size, closed: true }));
  let cursor: SpoolPosition = { seq: segments[0]?.seq ?? 1, offset: 0 };
  let active = await createSegment(dir, (segments.at(-1)?.seq ?? 0) + 1);
  segments.push(active.segment);

  let waiting: { data: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let flushing: Promise<void> | null = null;
  let wake: (() => void)[] = [];

  async function flushLoop(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      const buf = Buffer.from(batch.map((w) => w.data).join(''), 'utf8');
      try {
        await active.fh.write(buf, 0, buf.length, active.segment.size);
        await active.fh.datasync();
        active.segment.size += buf.length;
        for (const w of batch) w.resolve();
      } catch (e) {
        for (const w of batch) w.reject(e);
        await rotate(); // the failed write may have left a partial line; start clean
        continue;
      }
      for (const f of wake.splice(0)) f();
      if (active.segment.size >= segmentBytes) await rotate();
    }
  }

  async function rotate(): Promise<void> {
    active.segment.closed = true;
    await active.fh.close().catch(() => {});
    active = await createSegment(dir, active.segment.seq + 1);
    segments.push(active.segment);
  }

  function kick(): void {
    if (flushing) return;
    flushing = flushLoop().finally(() => {
      flushing = null;
      if (waiting.length > 0) kick();
    });
  }

  async function commit(end: SpoolPosition): Promise<void> {
    cursor = end;
    while (segments.length > 0) {
      const first = segments[0]!;
      const done = first.seq < end.seq || (first.seq === end.seq && first.closed && end.offset >= first.size);
      if (!done || first === active.segment) break;
      segments.shift();
      await unlink(first.path).catch(() => {});
    }
  }

  return {
    dir,
    commit,
    append(line) {
      return new Promise((resolve, reject) => {
        waiting.push({ data: `${line}\n`, resolve, reject });
        kick();
      });
    },

    async read(maxBytes) {
      for (;;) {
        const seg = segments.find((s) => s.seq >= cursor.seq);
        if (!seg) return null;
        if (seg.seq !== cursor.seq) cursor = { seq: seg.seq, offset: 0 };
        if (cursor.offset < seg.size) {
          const chunk = await readLines(seg, cursor.offset, maxBytes);
          if (chunk) return chunk;
        }
        if (!seg.closed) return null;
        const next = segments.find((s) => s.seq > seg.seq);
        if (!next) return null;
        await commit({ seq: seg.seq, offset: seg.size });
        cursor = { seq: next.seq, offset: 0 };
      }
    },

    backlog() {
      let bytes = 0;
      for (const s of segments) {
        if (s.seq > cursor.seq) bytes += s.size;
        else if (s.seq === cursor.seq) bytes += Math.max(0, s.size - cursor.offset);
      }
      return { bytes, segments: segments.length, unsynced: waiting.length };
    },

    waitForData(timeoutMs) {
      return new Promise((resolve) => {
        const t = setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(t);
          resolve();
        }
        wake.push(done);
      });
    },

    async close() {
      while (flushing) await flushing;
      await active.fh.close().catch(() => {});
      // Everything read and committed: nothing to replay next time.
      if (cursor.seq === active.segment.seq && cursor.offset >= active.segment.size && segments.length === 1) {
        await unlink(active.segment.path).catch(() => {});
      }
      for (const f of wake.splice(0)) f();
      unlockDir(dir);
    },
  };
}

async function createSegment(dir: string, seq: number): Promise<{ segment: Segment; fh: FileHandle }> {
  const path = join(dir, `${String(seq).padStart(10, '0')}.log`);
  const fh = await open(path, 'wx', 0o600);
  syncDir(dir); // the new file's name must survive a crash too
  return { segment: { seq, path, size: 0, closed: false }, fh };
}

async function readLines(seg: Segment, offset: number, maxBytes: number): Promise<SpoolChunk | null> {
  const fh = await open(seg.path, 'r');
  try {
    let want = Math.min(maxBytes, seg.size - offset);
    for (;;) {
      const buf = Buffer.alloc(want);
      const { bytesRead } = await fh.read(buf, 0, want, offset);
      const last = buf.lastIndexOf(0x0a, bytesRead - 1);
      if (last >= 0) {
        const text = buf.toString('utf8', 0, last + 1);
        return { lines: text.split('\n').slice(0, -1), end: { seq: seg.seq, offset: offset + last + 1 } };
      }
      // No newline: a line longer than maxBytes (read more), or a torn tail left by a crash (skip it).
      if (offset + bytesRead >= seg.size) {
        return seg.closed ? { lines: [], end: { seq: seg.seq, offset: seg.size } } : null;
      }
      want = Math.min(want * 2, seg.size - offset);
    }
  } finally {
    await fh.close();
  }
}

function lockDir(dir: string): void {
  const lock = join(dir, 'LOCK');
  if (held.has(dir)) throw new Error(`The spool ${dir} is already open in this process`);
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The spool ${dir} belongs to running process ${pid}; give each collector its own BEACON_INSTANCE_ID or BEACON_SPOOL_DIR`,
      );
    }
    writeFileSync(lock, String(process.pid));
  }
  held.add(dir);
}

function unlockDir(dir: string): void {
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

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
