import type { Sql } from '../db/connect.ts';
import type { Logger } from '../log.ts';
import type { Hub } from '../stream/hub.ts';
import type { ClassifyOptions } from './classify.ts';
import { parseHitLine, type Hit } from './hit.ts';
import { openSpool, type Spool } from './spool.ts';
import { createBatchWriter } from './write-batch.ts';
import { startWriter } from './writer.ts';

/** Where tracked hits go: durable in the local spool at once, in the database soon after. */
export interface EventPipeline {
  /** Resolves once the hit is on disk; rejects if the disk refused it. */
  record(hit: Hit): Promise<void>;
  /** True once everything recorded so far is in the database; false after `timeoutMs`. */
  flush(timeoutMs: number): Promise<boolean>;
  /** Stops the writer and closes the spool (what was not written stays there for the next start). */
  stop(): Promise<void>;
  stats(): { spoolBytes: number; spoolSegments: number; written: number; failedBatches: number; lastError: string | null };
}

export interface PipelineOptions {
  sql: Sql;
  spoolDir: string;
  classify: ClassifyOptions;
  useNotify: boolean;
  origin: string;
  hub: Hub;
  log: Logger;
  segmentBytes?: number;
}

export async function startEventPipeline(opts: PipelineOptions): Promise<EventPipeline> {
  const spool: Spool<Hit> = await openSpool(opts.spoolDir, { parse: parseHitLine, segmentBytes: opts.segmentBytes });
  const pending = spool.backlog();
  if (pending.bytes > 0) opts.log.info(`replaying ${pending.bytes} bytes of spooled events from ${opts.spoolDir}`);
  const write = createBatchWriter({
    sql: opts.sql,
    classify: opts.classify,
    useNotify: opts.useNotify,
    origin: opts.origin,
    publish: (e) => opts.hub.publish(e),
  });
  const writer = startWriter({ spool, write, log: opts.log });
  let stopped = false;
  return {
    record: (hit) => spool.append(hit, JSON.stringify(hit)),
    flush: (ms) => writer.flush(ms),
    async stop() {
      if (stopped) return;
      stopped = true;
      await writer.stop();
      await spool.close();
    },
    stats() {
      const b = spool.backlog();
      return { spoolBytes: b.bytes, spoolSegments: b.segments, ...writer.stats() };
    },
  };
}
