import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import { repairedLines } from './hit.ts';
import { countLines, linesOf, type Spool } from './spool.ts';

/**
 * Drains the spool into the database in batches, off the request path. A failed batch stays in the spool and is
 * retried with backoff (database down, deadlock ...); a batch the database refuses for its data is split so one
 * bad hit cannot hold up the rest, a refused hit is stored repaired (see `repairedLines`), and only a line that is
 * not a hit at all is set aside in `rejected.jsonl`.
 */
export interface Writer {
  /** Resolves true once everything appended so far is in the database, false after `timeoutMs`. */
  flush(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
  stats(): { written: number; failedBatches: number; lastError: string | null };
}

export interface WriterOptions {
  /** Spooled hits, one line each. */
  spool: Spool;
  /**
   * Writes whole lines of hits. `assumeNew`: none of these hits can be in the database yet (first attempt at hits
   * appended by this process).
   */
  write: (data: Buffer, assumeNew: boolean) => Promise<void>;
  log: Logger;
  maxBatchBytes?: number;
  /** Backoff after a failure: doubles from `minBackoffMs` up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Shortest time between the starts of two batches (default 100 ms), so batches grow with the load. */
  minIntervalMs?: number;
}

export function startWriter(opts: WriterOptions): Writer {
  const { spool, log } = opts;
  const maxBytes = opts.maxBatchBytes ?? 512 * 1024;
  const minBackoff = opts.minBackoffMs ?? 100;
  const maxBackoff = opts.maxBackoffMs ?? 5000;
  const minIntervalMs = opts.minIntervalMs ?? 100;
  let stopping = false;
  let written = 0;
  let failedBatches = 0;
  let lastError: string | null = null;
  let failures = 0;
  let sleeping: (() => void) | null = null;
  let urgent = false; // a flush is waiting: retry sooner
  let stopped: () => void = () => {};
  const stopSignal = new Promise<void>((r) => (stopped = r));

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        sleeping = null;
        resolve();
      }
      sleeping = done;
    });

  async function writeChunk(data: Buffer, assumeNew: boolean): Promise<void> {
    try {
      await opts.write(data, assumeNew);
    } catch (e) {
      if (!isDataError(e)) throw e;
      const lines = linesOf(data);
      log.warn(`a batch of ${lines.length} hits was refused for its data; writing them one by one`, e);
      for (const line of lines) {
        let refused: unknown;
        for (const attempt of [line, ...repairedLines(line)]) {
          try {
            await opts.write(Buffer.from(`${attempt}\n`), false);
            if (attempt !== line) log.warn(`a hit was refused for its data and stored repaired: ${attempt.slice(0, 300)}`, refused);
            refused = undefined;
            break;
          } catch (one) {
            if (!isDataError(one)) throw one;
            refused ??= one;
          }
        }
        if (refused) appendFileSync(join(spool.dir, 'rejected.jsonl'), `${JSON.stringify({ error: String(refused), line })}\n`);
      }
    }
  }

  const loop = (async () => {
    while (!stopping) {
      const started = Date.now();
      const chunk = await spool.read(maxBytes);
      if (!chunk) {
        await Promise.race([spool.waitForData(1000), stopSignal]);
        continue;
      }
      const lines = countLines(chunk.data);
      try {
        // A retry may follow a commit whose answer was lost: only a first attempt may skip the duplicate check.
        if (lines > 0) await writeChunk(chunk.data, chunk.fromMemory === true && failures === 0);
        await spool.commit(chunk.end);
        written += lines;
        failures = 0;
        lastError = null;
        // Under load, fewer and larger transactions cost the database much less per event; the hits are safe in
        // the spool meanwhile. A flush or a full batch does not wait.
        const rest = minIntervalMs - (Date.now() - started);
        if (rest > 0 && !urgent && !stopping && spool.backlog().bytes < maxBytes) await sleep(rest);
      } catch (e) {
        failures++;
        failedBatches++;
        lastError = e instanceof Error ? e.message : String(e);
        if (failures === 1 || failures % 20 === 0) log.warn(`could not write ${lines} events (kept in the spool, retrying)`, e);
        if (!stopping) await sleep(Math.min(urgent ? 250 : maxBackoff, minBackoff * 2 ** Math.min(failures - 1, 10)));
      }
    }
  })();

  return {
    async flush(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      urgent = true;
      sleeping?.(); // retry now rather than at the end of a long backoff
      try {
        for (;;) {
          const b = spool.backlog();
          if (b.bytes === 0 && b.unsynced === 0) return true;
          if (Date.now() >= deadline) return false;
          await new Promise((r) => setTimeout(r, 5));
        }
      } finally {
        urgent = false;
      }
    },
    async stop() {
      stopping = true;
      stopped();
      sleeping?.();
      await loop;
    },
    stats: () => ({ written, failedBatches, lastError }),
  };
}

/** Postgres data and constraint errors (classes 22 and 23): retrying the same rows cannot help. */
function isDataError(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23]/.test(code);
}
