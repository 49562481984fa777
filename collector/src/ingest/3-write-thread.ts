import { parentPort, workerData } from 'node:worker_threads';
import { connect, type DatabaseTarget } from '../db/connect.ts';
import { lowerThreadPriority } from '../thread-priority.ts';
import type { Envelope } from '../stream/hub.ts';
import type { ClassifyOptions } from './3-classify.ts';
import { parseHitLine, type Hit } from './hit.ts';
import { linesOf } from './2-spool.ts';
import { createBatchWriter } from './3-write-batch.ts';

/**
 * The batch writer's thread: spool lines in, events and rollups out to the database. Parsing, classifying,
 * tallying and the database protocol run here, so the thread that answers pixels and redirects does none of it.
 */
export interface WriteThreadData {
  target: DatabaseTarget;
  classify: ClassifyOptions;
  useNotify: boolean;
  useCopy: boolean;
  origin: string;
}

export type ToWriteThread = { type: 'write'; id: number; data: Uint8Array; assumeNew: boolean; watched: string[] } | { type: 'stop' };

export type FromWriteThread = { type: 'written'; id: number; envelopes: Envelope[] } | { type: 'failed'; id: number; message: string; code?: string };

/**
 * This thread's nice value. Its work can wait (the hits are safe in the spool), a pixel's answer cannot: on a small
 * machine the batch it prepares every ~100 ms took the cores from the thread answering requests (paced p99 at
 * bench/collector's load, this together with single-threaded GC: 26 -> 18 ms). It still gets any core left idle.
 */
const WRITE_THREAD_NICE = 19;

const data = workerData as WriteThreadData;
lowerThreadPriority(WRITE_THREAD_NICE);
const port = parentPort!;
const sql = connect(data.target, 1);
let envelopes: Envelope[] = [];
const write = createBatchWriter({
  sql,
  classify: data.classify,
  useNotify: data.useNotify,
  useCopy: data.useCopy,
  origin: data.origin,
  publish: (e) => envelopes.push(...e),
});

port.on('message', async (m: ToWriteThread) => {
  if (m.type === 'stop') {
    await sql.end({ timeout: 5 });
    port.close();
    return;
  }
  envelopes = [];
  try {
    const hits = linesOf(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength))
      .map(parseHitLine)
      .filter((h): h is Hit => h !== null);
    // Only the events someone streams from this process go back to it.
    if (hits.length > 0) await write(hits, m.assumeNew, new Set(m.watched));
    port.postMessage({ type: 'written', id: m.id, envelopes } satisfies FromWriteThread);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const failed: FromWriteThread = { type: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e) };
    if (typeof code === 'string') failed.code = code;
    port.postMessage(failed);
  }
});
