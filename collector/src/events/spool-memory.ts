import type { SpoolChunk, SpoolPosition } from './spool.ts';

/** An item appended by this process, kept for the reader with where its line sits. */
interface Kept<T> {
  seq: number;
  start: number;
  end: number;
  item: T;
}

/**
 * Items appended by this process, kept in memory so the writer need not read and parse them back from disk.
 * Bounded: past `limit` items, new ones are only on disk, and the reader reads those from the file.
 */
export function createKept<T>(limit: number) {
  let kept: Kept<T>[] = [];
  let from = 0; // kept[from] is the first one not yet passed by the cursor
  // Once a group did not fit, none is kept until the reader has taken every kept item: otherwise kept and unkept
  // groups alternate, and the reader goes to disk for one small group at a time.
  let overflowed = false;

  function dropBehind(pos: SpoolPosition): void {
    while (from < kept.length) {
      const k = kept[from]!;
      if (k.seq > pos.seq || (k.seq === pos.seq && k.end > pos.offset)) break;
      from++;
    }
    if (from > 4096 && from * 2 > kept.length) {
      kept = kept.slice(from);
      from = 0;
    }
  }

  return {
    /** Keeps a synced group's items (all or none), given where the group starts in its segment. */
    add(seq: number, start: number, items: { item: T; bytes: number }[]): void {
      if (overflowed && from < kept.length) return;
      overflowed = kept.length - from + items.length > limit;
      if (overflowed) return;
      let at = start;
      for (const { item, bytes } of items) {
        kept.push({ seq, start: at, end: at + bytes, item });
        at += bytes;
      }
    },
    /** Kept items starting right at `cursor`, contiguous, within one segment, up to `maxBytes`. */
    take(cursor: SpoolPosition, maxBytes: number): SpoolChunk<T> | null {
      dropBehind(cursor);
      const first = kept[from];
      if (!first || first.seq !== cursor.seq || first.start !== cursor.offset) return null;
      const items: T[] = [];
      let end = first.start;
      for (let i = from; i < kept.length; i++) {
        const k = kept[i]!;
        if (k.seq !== first.seq || k.start !== end || (items.length > 0 && k.end - first.start > maxBytes)) break;
        items.push(k.item);
        end = k.end;
      }
      return { items, end: { seq: first.seq, offset: end } };
    },
    dropBehind,
    /** Where the kept items of a segment begin, so a read from disk stops there and memory takes over. */
    startIn(seq: number): number | undefined {
      for (let i = from; i < kept.length; i++) if (kept[i]!.seq === seq) return kept[i]!.start;
      return undefined;
    },
  };
}
