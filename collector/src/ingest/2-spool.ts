import { mkdirSync, readdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { closeFd, createSegment, dataSize, lockDir, readLines, segmentPath, unlockDir, writeAt, type SegmentFile } from './2-spool-files.ts';
import { createKept } from './2-spool-memory.ts';

/**
 * A local append-only log of hits, so a hit is durable before it is acknowledged and before the database has it.
 *
 * Appends are group-committed: the lines that arrive while a write is on its way go out together in the next one.
 * Segments are opened for O_DSYNC writes, so a write returns once durable (see MAX_IN_FLIGHT for how many at once,
 * each at its own offset). An append is acknowledged when its group and every group before it are durable. The
 * writer reads the durable prefix from a cursor and commits the cursor once the database has it; segments read to
 * the end are deleted. At open, segments left by an earlier run (crash,
 * kill -9, database down at shutdown) are read again from their start: the database ignores rows it already has.
 */
export interface SpoolPosition {
  seq: number;
  offset: number;
}

export interface SpoolChunk {
  /** Whole lines, each ending in a newline. */
  data: Buffer;
  end: SpoolPosition;
  /** Appended by this process (so never written anywhere before), rather than read back from disk. */
  fromMemory?: boolean;
}

export interface Spool {
  dir: string;
  /**
   * Calls `done` once `line` (no newline) is durable on disk, or with the error if the disk refused it. A callback,
   * not a promise: this is once per tracked request, and the promise chain cost more.
   */
  append(line: string, done: (error?: unknown) => void): void;
  /** Up to `maxBytes` of durable lines after the cursor (from memory when this process appended them), or null. */
  read(maxBytes: number): Promise<SpoolChunk | null>;
  /** The database has everything up to `end`. */
  commit(end: SpoolPosition): Promise<void>;
  /** Durable bytes not committed yet, and appends not durable yet. */
  backlog(): { bytes: number; segments: number; unsynced: number };
  /** How long synced writes took since the spool opened: a count per latency bucket (see SYNC_BUCKETS_MS). */
  syncHistogram(): number[];
  /** Resolves when new items are durable, or after `timeoutMs`. */
  waitForData(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface SpoolOptions {
  segmentBytes?: number;
  /** How many bytes of appended lines to keep in memory for the reader before it reads them back from disk instead. */
  memoryBytes?: number;
}

interface Segment {
  seq: number;
  path: string;
  /** Durable bytes: the contiguous prefix every reader may see. */
  size: number;
  /** Bytes handed to writes so far (this process's active segment). */
  assigned: number;
  /** No more data will come: full or left behind, and every write to it settled. */
  closed: boolean;
  file?: SegmentFile;
  full?: boolean;
  /** A write failed: nothing after it counts. */
  broken?: boolean;
  inFlight: number;
}

interface Waiting {
  line: string;
  done: (error?: unknown) => void;
}

interface Group {
  seg: Segment;
  at: number;
  buf: Buffer;
  batch: Waiting[];
  state: 'writing' | 'ok' | 'failed';
  error?: unknown;
}

// One write at a time: the disk completes O_DSYNC writes to one file one after another anyway, and what arrives
// meanwhile goes out as one group. Measured under wrk: three in flight meant groups of two or three lines and 15%
// more CPU per hit on the main thread (a threadpool request and a system call per group), for no lower latency.
const MAX_IN_FLIGHT = 1;

/**
 * Upper bounds (ms) of the sync-latency buckets, then one for anything slower: an acknowledgement waits for its
 * group's synced write, so this is the disk's share of every tracked request's latency.
 */
export const SYNC_BUCKETS_MS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128];

/** A caller's callback that throws must not leave the rest of its group unanswered: it is rethrown afterwards. */
function acknowledge(w: Waiting, error?: unknown): void {
  try {
    w.done(error);
  } catch (e) {
    queueMicrotask(() => {
      throw e;
    });
  }
}

/** Lines as the spool stores them (each ending in a newline), one string each. */
export function linesOf(data: Buffer): string[] {
  const lines = data.toString('utf8').split('\n');
  lines.pop(); // after the last newline
  return lines;
}

/** How many lines `data` holds (as `linesOf` would split it), without making strings of them. */
export function countLines(data: Buffer): number {
  let n = 0;
  for (let at = data.indexOf(10); at >= 0; at = data.indexOf(10, at + 1)) n++;
  return n;
}

export async function openSpool(dir: string, opts: SpoolOptions = {}): Promise<Spool> {
  const segmentBytes = opts.segmentBytes ?? 4 * 1024 * 1024;
  const kept = createKept(opts.memoryBytes ?? 64 * 1024 * 1024);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  lockDir(dir);
  const segments: Segment[] = readdirSync(dir)
    .filter((n) => /^\d{10}\.log$/.test(n))
    .sort()
    .map((n) => {
      const seq = Number(n.slice(0, 10));
      const size = dataSize(segmentPath(dir, seq));
      return { seq, path: segmentPath(dir, seq), size, assigned: size, closed: true, inFlight: 0 };
    });
  let cursor: SpoolPosition = { seq: segments[0]?.seq ?? 1, offset: 0 };
  const fresh = (file: SegmentFile): Segment => ({ seq: file.seq, path: file.path, size: 0, assigned: 0, closed: false, file, inFlight: 0 });
  let active = fresh(await createSegment(dir, (segments.at(-1)?.seq ?? 0) + 1, segmentBytes));
  segments.push(active);
  // The next segment is zero-filled ahead of time, so rotating seldom waits for it.
  let spare: Promise<SegmentFile> | null = createSegment(dir, active.seq + 1, segmentBytes);
  spare.catch(() => {});
  let rotating: Promise<void> | null = null;

  let waiting: Waiting[] = [];
  const groups: Group[] = [];
  let inFlight = 0;
  const syncs = new Array<number>(SYNC_BUCKETS_MS.length + 1).fill(0);
  const wake: (() => void)[] = [];
  const wakeAll = () => {
    for (const f of wake.splice(0)) f();
  };

  function pump(): void {
    while (inFlight < MAX_IN_FLIGHT && waiting.length > 0 && !rotating) {
      const batch = waiting;
      waiting = [];
      let text = '';
      for (const w of batch) text += `${w.line}\n`;
      const buf = Buffer.from(text, 'utf8');
      const seg = active;
      const g: Group = { seg, at: seg.assigned, buf, batch, state: 'writing' };
      seg.assigned += buf.length;
      seg.inFlight++;
      inFlight++;
      groups.push(g);
      const started = performance.now();
      writeAt(seg.file!.fd, buf, g.at)
        .then(
          () => {
            const ms = performance.now() - started;
            let i = 0;
            while (i < SYNC_BUCKETS_MS.length && ms > SYNC_BUCKETS_MS[i]!) i++;
            syncs[i]!++;
            g.state = 'ok';
          },
          (e) => {
            g.state = 'failed';
            g.error = e;
            seg.broken = true;
          },
        )
        .finally(() => {
          inFlight--;
          seg.inFlight--;
          settle();
          if (seg.broken || seg.assigned >= segmentBytes) rotate(seg);
          pump();
        });
      if (seg.assigned >= segmentBytes) rotate(seg);
    }
  }

  /** Settles groups in order: each is acknowledged only after every group before it. */
  function settle(): void {
    while (groups[0] && groups[0].state !== 'writing') {
      const g = groups.shift()!;
      if (g.state === 'ok' && !g.seg.broken) {
        kept.add(g.seg.seq, g.at, g.buf);
        g.seg.size = g.at + g.buf.length;
        for (const w of g.batch) acknowledge(w);
      } else {
        // Lines after a failed write sit behind a hole: they are not acknowledged (a replay may still find them).
        const error = g.error ?? new Error('an earlier spool write failed');
        for (const w of g.batch) acknowledge(w, error);
      }
      if (g.seg.full && g.seg.inFlight === 0 && !groups.some((x) => x.seg === g.seg)) finish(g.seg);
    }
    wakeAll();
  }

  function finish(seg: Segment): void {
    seg.closed = true;
    if (seg.file) void closeFd(seg.file.fd);
    seg.file = undefined;
  }

  /** Moves appends to a new segment; the old one closes once its writes have settled. */
  function rotate(seg: Segment): void {
    if (seg !== active || rotating) return;
    seg.full = true;
    if (seg.inFlight === 0 && !groups.some((g) => g.seg === seg)) finish(seg);
    const next = spare;
    spare = null;
    rotating = (async () => {
      const file = (await next?.catch(() => null)) ?? (await createSegment(dir, seg.seq + 1, segmentBytes));
      active = fresh(file);
      segments.push(active);
      spare = createSegment(dir, active.seq + 1, segmentBytes);
      spare.catch(() => {});
    })()
      .catch((e) => {
        for (const w of waiting.splice(0)) acknowledge(w, e);
      })
      .finally(() => {
        rotating = null;
        pump();
      });
  }

  function backlogBytes(): number {
    let bytes = 0;
    for (const s of segments) {
      if (s.seq > cursor.seq) bytes += s.size;
      else if (s.seq === cursor.seq) bytes += Math.max(0, s.size - cursor.offset);
    }
    return bytes;
  }

  async function commit(end: SpoolPosition): Promise<void> {
    cursor = end;
    kept.dropBehind(end);
    while (segments.length > 0) {
      const first = segments[0]!;
      const done = first.seq < end.seq || (first.seq === end.seq && first.closed && end.offset >= first.size);
      if (!done || (first === active && !first.closed)) break;
      segments.shift();
      await unlink(first.path).catch(() => {});
    }
  }

  return {
    dir,
    commit,
    append(line, done) {
      waiting.push({ line, done });
      pump();
    },

    async read(maxBytes) {
      for (;;) {
        const seg = segments.find((s) => s.seq >= cursor.seq);
        if (!seg) return null;
        if (seg.seq !== cursor.seq) cursor = { seq: seg.seq, offset: 0 };
        if (cursor.offset < seg.size) {
          const fromMemory = kept.take(cursor, maxBytes);
          if (fromMemory) return { ...fromMemory, fromMemory: true };
          const limit = kept.startIn(seg.seq) ?? seg.size;
          const chunk = await readLines(seg.path, cursor.offset, Math.max(limit, cursor.offset + 1), maxBytes);
          if (chunk) return { data: chunk.data, end: { seq: seg.seq, offset: chunk.end } };
        }
        if (!seg.closed) return null;
        const next = segments.find((s) => s.seq > seg.seq);
        if (!next) return null;
        await commit({ seq: seg.seq, offset: seg.size }); // read to its end (a torn last line is skipped)
        cursor = { seq: next.seq, offset: 0 };
      }
    },

    syncHistogram: () => [...syncs],

    backlog: () => ({ bytes: backlogBytes(), segments: segments.length, unsynced: waiting.length + groups.length }),

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
      while (inFlight > 0 || waiting.length > 0 || rotating) {
        await (rotating ?? new Promise<void>((r) => wake.push(r)));
      }
      finish(active);
      const unused = await spare?.catch(() => null);
      if (unused) {
        await closeFd(unused.fd);
        await unlink(unused.path).catch(() => {});
      }
      await commit(cursor); // deletes what was read and committed
      if (backlogBytes() === 0) for (const seg of segments.splice(0)) await unlink(seg.path).catch(() => {}); // nothing to replay
      wakeAll();
      unlockDir(dir);
    },
  };
}
