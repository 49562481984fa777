import type { SpoolChunk, SpoolPosition } from './2-spool.ts';

/** A synced group of lines appended by this process, kept for the reader with where it sits in its segment. */
interface Kept {
  seq: number;
  start: number;
  /** The group's bytes as written: whole lines. */
  buf: Buffer;
}

/**
 * Groups appended by this process, kept in memory so the writer need not read them back from disk. Kept as the
 * buffers written, not as strings: tens of thousands of lines that live for a writer interval would otherwise
 * outlive young-generation collections and be copied and promoted on the request thread.
 * Bounded: past `limitBytes`, new groups are only on disk, and the reader reads those from the file.
 */
export function createKept(limitBytes: number) {
  let kept: Kept[] = [];
  let from = 0; // kept[from] is the first one not yet passed by the cursor
  let bytes = 0; // of kept[from..]
  // Once a group did not fit, none is kept until the reader has taken every kept group: otherwise kept and unkept
  // groups alternate, and the reader goes to disk for one small group at a time.
  let overflowed = false;

  function dropBehind(pos: SpoolPosition): void {
    while (from < kept.length) {
      const k = kept[from]!;
      if (k.seq > pos.seq || (k.seq === pos.seq && k.start + k.buf.length > pos.offset)) break;
      bytes -= k.buf.length;
      from++;
    }
    if (from > 1024 && from * 2 > kept.length) {
      kept = kept.slice(from);
      from = 0;
    }
  }

  return {
    /** Keeps a synced group, given where it starts in its segment. */
    add(seq: number, start: number, buf: Buffer): void {
      if (overflowed && from < kept.length) return;
      overflowed = bytes + buf.length > limitBytes;
      if (overflowed) return;
      kept.push({ seq, start, buf });
      bytes += buf.length;
    },
    /** Kept groups starting right at `cursor`, contiguous, within one segment, up to `maxBytes` (at least one). */
    take(cursor: SpoolPosition, maxBytes: number): SpoolChunk | null {
      dropBehind(cursor);
      const first = kept[from];
      if (!first || first.seq !== cursor.seq || first.start !== cursor.offset) return null;
      const parts: Buffer[] = [];
      let end = first.start;
      for (let i = from; i < kept.length; i++) {
        const k = kept[i]!;
        if (k.seq !== first.seq || k.start !== end || (parts.length > 0 && k.start + k.buf.length - first.start > maxBytes)) break;
        parts.push(k.buf);
        end = k.start + k.buf.length;
      }
      return { data: parts.length === 1 ? parts[0]! : Buffer.concat(parts), end: { seq: first.seq, offset: end } };
    },
    dropBehind,
    /** Where the kept groups of a segment begin, so a read from disk stops there and memory takes over. */
    startIn(seq: number): number | undefined {
      for (let i = from; i < kept.length; i++) if (kept[i]!.seq === seq) return kept[i]!.start;
      return undefined;
    },
  };
}
