import {
  close,
  closeSync,
  fdatasync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  write,
  writeFileSync,
} from 'node:fs';
import { open, unlink } from 'node:fs/promises';
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

export interface SpoolChunk<T> {
  items: T[];
  end: SpoolPosition;
}

export interface Spool<T> {
  dir: string;
  /** Resolves once `line` (no newline), which encodes `item`, is synced to disk. */
  append(item: T, line: string): Promise<void>;
  /**
   * Up to `maxBytes` of synced items after the cursor, or null when there are none yet. Items appended by this
   * process come from memory; earlier ones (replay) are read from disk and parsed.
   */
  read(maxBytes: number): Promise<SpoolChunk<T> | null>;
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

export interface SpoolOptions<T> {
  /** Reads back a line written by an earlier process; null for a line that cannot be used. */
  parse: (line: string) => T | null;
  segmentBytes?: number;
  /** How many appended items to keep in memory for the reader before it reads them back from disk instead. */
  memoryItems?: number;
}

/** An item appended by this process, kept for the reader with where its line ends. */
interface Kept<T> {
  seq: number;
  start: number;
  end: number;
  item: T;
}

export async function openSpool<T>(dir: string, opts: SpoolOptions<T>): Promise<Spool<T>> {
  const segmentBytes = opts.segmentBytes ?? 4 * 1024 * 1024;
  const memoryItems = opts.memoryItems ?? 200_000;
  let kept: Kept<T>[] = [];
  let keptFrom = 0; // kept[keptFrom] is the first one not yet handed out
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  lockDir(dir);
  const segments: Segment[] = readdirSync(dir)
    .filter((n) => /^\d{10}\.log$/.test(n))
    .sort()
    .map((n) => ({ seq: Number(n.slice(0, 10)), path: join(dir, n), size: dataSize(join(dir, n)), closed: true }));
  let cursor: SpoolPosition = { seq: segments[0]?.seq ?? 1, offset: 0 };
  let active = await createSegment(dir, (segments.at(-1)?.seq ?? 0) + 1, segmentBytes);
  segments.push(active.segment);
  // The next segment is zero-filled ahead of time, so rotating never waits for it.
  let spare: Promise<{ segment: Segment; fd: number }> | null = createSegment(dir, active.segment.seq + 1, segmentBytes);
  spare.catch(() => {});

  let waiting: { data: string; item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let flushing: Promise<void> | null = null;
  let wake: (() => void)[] = [];

  async function flushLoop(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      const buf = Buffer.from(batch.map((w) => w.data).join(''), 'utf8');
      const seg = active.segment;
      try {
        await writeAt(active.fd, buf, seg.size);
        await datasync(active.fd);
      } catch (e) {
        for (const w of batch) w.reject(e);
        await rotate(); // the failed write may have left a partial line; start clean
        continue;
      }
      if (kept.length - keptFrom + batch.length <= memoryItems) {
        let at = seg.size;
        for (const w of batch) {
          const end = at + Buffer.byteLength(w.data);
          kept.push({ seq: seg.seq, start: at, end, item: w.item });
          at = end;
        }
      } // else the reader will read these back from disk
      seg.size += buf.length;
      for (const w of batch) w.resolve();
      for (const f of wake.splice(0)) f();
      if (seg.size >= segmentBytes) await rotate();
    }
  }

  async function rotate(): Promise<void> {
    active.segment.closed = true;
    await closeFd(active.fd);
    const next = spare;
    spare = null;
    active = (await next?.catch(() => null)) ?? (await createSegment(dir, active.segment.seq + 1, segmentBytes));
    segments.push(active.segment);
    spare = createSegment(dir, active.segment.seq + 1, segmentBytes);
    spare.catch(() => {});
  }

  function kick(): void {
    if (flushing) return;
    flushing = flushLoop().finally(() => {
      flushing = null;
      if (waiting.length > 0) kick();
    });
  }

  /** Kept items starting right at the cursor, up to `maxBytes`, within one segment. */
  function takeKept(maxBytes: number): SpoolChunk<T> | null {
    dropKeptBehind(cursor);
    const first = kept[keptFrom];
    if (!first || first.seq !== cursor.seq || first.start !== cursor.offset) return null;
    const items: T[] = [];
    let i = keptFrom;
    let end = first.start;
    while (i < kept.length && kept[i]!.seq === first.seq && kept[i]!.start === end && (items.length === 0 || kept[i]!.end - first.start <= maxBytes)) {
      items.push(kept[i]!.item);
      end = kept[i]!.end;
      i++;
    }
    return { items, end: { seq: first.seq, offset: end } };
  }

  function dropKeptBehind(pos: SpoolPosition): void {
    while (keptFrom < kept.length) {
      const k = kept[keptFrom]!;
      if (k.seq > pos.seq || (k.seq === pos.seq && k.end > pos.offset)) break;
      keptFrom++;
    }
    if (keptFrom > 4096 && keptFrom * 2 > kept.length) {
      kept = kept.slice(keptFrom);
      keptFrom = 0;
    }
  }

  /** Where the kept items of a segment begin, so a read from disk stops there and memory takes over. */
  function keptStartIn(seq: number): number | undefined {
    for (let i = keptFrom; i < kept.length; i++) if (kept[i]!.seq === seq) return kept[i]!.start;
    return undefined;
  }

  async function commit(end: SpoolPosition): Promise<void> {
    cursor = end;
    dropKeptBehind(end);
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
    append(item, line) {
      return new Promise((resolve, reject) => {
        waiting.push({ data: `${line}\n`, item, resolve, reject });
        kick();
      });
    },

    async read(maxBytes) {
      for (;;) {
        const seg = segments.find((s) => s.seq >= cursor.seq);
        if (!seg) return null;
        if (seg.seq !== cursor.seq) cursor = { seq: seg.seq, offset: 0 };
        if (cursor.offset < seg.size) {
          const fromMemory = takeKept(maxBytes);
          if (fromMemory) return fromMemory;
          const chunk = await readLines(seg, cursor.offset, maxBytes, keptStartIn(seg.seq));
          if (chunk) return { items: chunk.lines.map(opts.parse).filter((x): x is T => x !== null), end: chunk.end };
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
      await closeFd(active.fd);
      const unused = await spare?.catch(() => null);
      if (unused) {
        await closeFd(unused.fd);
        await unlink(unused.segment.path).catch(() => {});
      }
      // Everything read and committed: nothing to replay next time.
      if (cursor.seq === active.segment.seq && cursor.offset >= active.segment.size && segments.length === 1) {
        await unlink(active.segment.path).catch(() => {});
      }
      for (const f of wake.splice(0)) f();
      unlockDir(dir);
    },
  };
}

/**
 * A new segment, zero-filled to its full size and synced: appending into blocks that already exist lets each
 * fdatasync skip the file-size metadata update, which roughly halves its cost (the WAL technique).
 */
async function createSegment(dir: string, seq: number, bytes: number): Promise<{ segment: Segment; fd: number }> {
  const path = join(dir, `${String(seq).padStart(10, '0')}.log`);
  const fd = openSync(path, 'wx', 0o600);
  const zeros = Buffer.alloc(Math.min(bytes, 1 << 20));
  for (let at = 0; at < bytes; at += zeros.length) await writeAt(fd, zeros, at);
  await datasync(fd);
  syncDir(dir); // the new file's name must survive a crash too
  return { segment: { seq, path, size: 0, closed: false }, fd };
}

/** Bytes of whole lines in a segment left by an earlier run: up to its last newline (then zeros or a torn line). */
function dataSize(path: string): number {
  return readFileSync(path).lastIndexOf(0x0a) + 1;
}

// Plain callback fs calls: lighter than FileHandle promises on the hot path.
const writeAt = (fd: number, buf: Buffer, position: number) =>
  new Promise<void>((resolve, reject) =>
    write(fd, buf, 0, buf.length, position, (e, n) => (e ? reject(e) : n !== buf.length ? reject(new Error('short write')) : resolve())),
  );
const datasync = (fd: number) => new Promise<void>((resolve, reject) => fdatasync(fd, (e) => (e ? reject(e) : resolve())));
const closeFd = (fd: number) => new Promise<void>((resolve) => close(fd, () => resolve()));

async function readLines(seg: Segment, offset: number, maxBytes: number, stopAt: number | undefined): Promise<{ lines: string[]; end: SpoolPosition } | null> {
  const fh = await open(seg.path, 'r');
  try {
    const limit = stopAt !== undefined && stopAt > offset ? stopAt : seg.size;
    let want = Math.min(maxBytes, limit - offset);
    for (;;) {
      const buf = Buffer.alloc(want);
      const { bytesRead } = await fh.read(buf, 0, want, offset);
      const last = buf.lastIndexOf(0x0a, bytesRead - 1);
      if (last >= 0) {
        const text = buf.toString('utf8', 0, last + 1);
        return { lines: text.split('\n').slice(0, -1), end: { seq: seg.seq, offset: offset + last + 1 } };
      }
      // No newline: a line longer than maxBytes (read more), or a torn tail left by a crash (skip it).
      if (offset + bytesRead >= limit) {
        return seg.closed && limit === seg.size ? { lines: [], end: { seq: seg.seq, offset: seg.size } } : null;
      }
      want = Math.min(want * 2, limit - offset);
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
