import type { Logger } from '../log.ts';
import type { Hub } from '../stream/hub.ts';
import type { ClassifyOptions } from './3-classify.ts';
import type { DatabaseTarget } from '../db/connect.ts';
import { hitLine, type Hit } from './hit.ts';
import { openSpool, type Spool } from './2-spool.ts';
import { startWriteThread } from './3-write-thread-start.ts';
import { startSpoolDrain } from './2-spool-drain.ts';

/** Where tracked hits go: durable in the local spool at once, in the database soon after. */
export interface EventPipeline {
  /** Calls `done` once the hit is on disk, or with the error if the disk refused it. */
  record(hit: Hit, done: (error?: unknown) => void): void;
  /** True once everything recorded so far is in the database; false after `timeoutMs`. */
  flush(timeoutMs: number): Promise<boolean>;
  /** Stops the drain and the write thread, and closes the spool (what was not written stays there for the next start). */
  stop(): Promise<void>;
  stats(): { spoolBytes: number; spoolSegments: number; spoolSyncs: number[]; written: number; failedBatches: number; lastError: string | null };
}

export interface PipelineOptions {
  /** The database the write thread connects to. */
  target: DatabaseTarget;
  spoolDir: string;
  classify: ClassifyOptions;
  useNotify: boolean;
  useCopy: boolean;
  origin: string;
  hub: Hub;
  log: Logger;
  segmentBytes?: number;
}

export async function startEventPipeline(opts: PipelineOptions): Promise<EventPipeline> {
  // Lines stay bytes on this thread: the write thread parses them (a line that does not parse is dropped there).
  const spool: Spool = await openSpool(opts.spoolDir, { segmentBytes: opts.segmentBytes });
  const pending = spool.backlog();
  if (pending.bytes > 0) opts.log.info(`replaying ${pending.bytes} bytes of spooled events from ${opts.spoolDir}`);
  const thread = startWriteThread({
    target: opts.target,
    classify: opts.classify,
    useNotify: opts.useNotify,
    useCopy: opts.useCopy,
    origin: opts.origin,
    log: opts.log,
    watched: () => opts.hub.workspaces(),
    publish: (e) => opts.hub.publish(e),
  });
  const drain = startSpoolDrain({ spool, write: thread.write, log: opts.log });
  let stopped = false;
  return {
    record(hit, done) {
      spool.append(hitLine(hit), done);
    },
    flush: (ms) => drain.flush(ms),
    async stop() {
      if (stopped) return;
      stopped = true;
      await drain.stop();
      await thread.stop();
      await spool.close();
    },
    stats() {
      const b = spool.backlog();
      return { spoolBytes: b.bytes, spoolSegments: b.segments, spoolSyncs: spool.syncHistogram(), ...drain.stats() };
    },
  };
}
