import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import { PACKAGE_DIR } from '../package-dir.ts';
import type { Envelope } from '../stream/hub.ts';
import type { FromWriteThread, ToWriteThread, WriteThreadData } from './write-thread.ts';

/** The main thread's side of the write thread: hands it batches of spool lines, publishes what it wrote. */
export interface WriteThread {
  /** Whole spool lines; the bytes are copied to the thread. */
  write(data: Buffer, assumeNew: boolean): Promise<void>;
  stop(): Promise<void>;
}

export interface WriteThreadOptions extends WriteThreadData {
  log: Logger;
  /** Workspaces with a stream open in this process: only their events come back. */
  watched(): Set<string>;
  publish(envelopes: Envelope[]): void;
}

// The build's bundle of write-thread.ts, from source too (vitest builds first): a worker cannot load TypeScript.
const ENTRY = new URL('dist/write-thread.js', PACKAGE_DIR);

export function startWriteThread(opts: WriteThreadOptions): WriteThread {
  const { log, watched, publish, ...data } = opts;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let worker: Worker | null = null;

  // Started at once, and again on next use after a crash: a failed batch stays in the spool and the writer retries it.
  function thread(): Worker {
    if (worker) return worker;
    const w = new Worker(ENTRY, { workerData: data satisfies WriteThreadData });
    w.on('message', (m: FromWriteThread) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.type === 'written') {
        if (m.envelopes.length > 0) publish(m.envelopes);
        p?.resolve();
      } else {
        p?.reject(Object.assign(new Error(m.message), m.code ? { code: m.code } : {}));
      }
    });
    const lost = (why: string) => {
      if (worker === w) worker = null;
      for (const p of pending.values()) p.reject(new Error(`the write thread ${why}`));
      pending.clear();
    };
    w.on('error', (e) => {
      log.error('the write thread failed', e);
      lost(`failed: ${e.message}`);
    });
    w.on('exit', (code) => lost(`exited (${code})`));
    return (worker = w);
  }

  thread(); // now rather than at the first hit, which would otherwise wait for the thread to load
  return {
    write(data, assumeNew) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        thread().postMessage({ type: 'write', id, data, assumeNew, watched: [...watched()] } satisfies ToWriteThread);
      });
    },
    async stop() {
      const w = worker;
      if (!w) return;
      worker = null;
      const exited = new Promise((r) => w.once('exit', r));
      w.postMessage({ type: 'stop' } satisfies ToWriteThread);
      const timer = setTimeout(() => void w.terminate(), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
