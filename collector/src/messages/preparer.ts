import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '@beacon/shared/api/errors';
import type { MessageLink } from '@beacon/shared/api/messages';
import { ApiFailure } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import { PACKAGE_DIR } from '../package-dir.ts';
import type { CreateMessage } from './prepare.ts';

export interface PrepareThreadData {
  publicUrl: string;
  secret: string;
}

export interface PrepareJob {
  id: number;
  /** The request body as received: the thread parses it. */
  body: Uint8Array;
  sender: { workspaceId: string; email: string };
  messageId: string;
  /** Whole seconds: now for a new registration, where the request's `scheduledAt` wins; the stored time for a repeat. */
  sentAt: number;
  /** `sentAt` is a registered message's: a `scheduledAt` in the request does not change it. */
  stored?: boolean;
}

export interface Prepared {
  /** The request without its html (the stored copy is the prepared html). */
  request: Omit<CreateMessage, 'html'>;
  requestHash: string;
  /** The time the tokens carry (whole seconds): the message's sent time. */
  sentAt: number;
  links: MessageLink[];
  html: string;
  /** The 201 body, JSON already. */
  response: string;
}

export type FromPrepareThread =
  | { ready: true }
  | ({ id: number; ok: true } & Prepared)
  | { id: number; ok: false; error: { code: ErrorCode; message: string; field?: string | undefined } };

export interface Preparer {
  /** The message prepared, or an ApiFailure naming what is wrong with the request. */
  prepare(job: Omit<PrepareJob, 'id'>): Promise<Prepared>;
  stop(): Promise<void>;
}

/** A message may take this long to prepare; past it, the thread is replaced and the request refused. */
const JOB_TIMEOUT_MS = 10_000;
/** Registrations waiting beyond this are told to come back (503): the queue never grows without bound. */
const MAX_WAITING = 32;
// The build's bundle of prepare-thread.ts, from source too (tests build first): a worker cannot load TypeScript.
const ENTRY = new URL('dist/prepare-thread.js', PACKAGE_DIR);

/**
 * The main thread's side of the prepare thread: one job at a time, in arrival order, each with a time limit, so
 * no registration (a huge body, a pathological link) can hold the request thread or the next sender for long.
 */
export function startPreparer(data: PrepareThreadData, log: Logger, opts: { timeoutMs?: number } = {}): Preparer {
  const timeoutMs = opts.timeoutMs ?? JOB_TIMEOUT_MS;
  type Pending = { job: PrepareJob; resolve: (p: Prepared) => void; reject: (e: Error) => void };
  const queue: Pending[] = [];
  let current: (Pending & { timer?: NodeJS.Timeout; worker: Worker }) | null = null;
  let worker: Worker | null = null;
  const ready = new WeakSet<Worker>(); // loaded: a job's time starts counting then, not while the thread loads
  let nextId = 1;
  let stopped = false;

  function thread(): Worker {
    if (worker) return worker;
    const w = new Worker(ENTRY, { workerData: data satisfies PrepareThreadData });
    w.on('message', (m: FromPrepareThread) => {
      if ('ready' in m) {
        ready.add(w);
        if (current?.worker === w) current.timer = deadline(current);
        return;
      }
      if (!current || current.job.id !== m.id) return;
      const { resolve, reject, timer } = current;
      clearTimeout(timer);
      current = null;
      if (m.ok) {
        const { id: _id, ok: _ok, ...prepared } = m;
        resolve(prepared);
      } else {
        reject(m.error.code === 'internal' ? new Error(m.error.message) : new ApiFailure(m.error.code, m.error.message, m.error.field));
      }
      next();
    });
    w.on('error', (e) => log.error('the prepare thread failed', e));
    w.on('exit', () => {
      if (worker === w) worker = null;
      if (current?.worker === w) {
        clearTimeout(current.timer);
        current.reject(new Error('the prepare thread stopped'));
        current = null;
      }
      if (!stopped) next();
    });
    return (worker = w);
  }

  function next(): void {
    if (current || stopped) return;
    const p = queue.shift();
    if (!p) return;
    const w = thread();
    current = { ...p, worker: w };
    if (ready.has(w)) current.timer = deadline(current);
    w.postMessage(p.job);
  }

  function deadline(job: NonNullable<typeof current>): NodeJS.Timeout {
    return setTimeout(() => {
      log.warn(`a message took over ${timeoutMs} ms to prepare; refused`);
      job.reject(new ApiFailure('payload_too_large', `the message is too large or complex to prepare within ${timeoutMs / 1000} s`));
      current = null;
      if (worker === job.worker) worker = null;
      void job.worker.terminate();
      next();
    }, timeoutMs);
  }

  thread(); // now, so the first registration does not wait for it to load
  return {
    prepare(job) {
      if (stopped) return Promise.reject(new ApiFailure('unavailable', 'the collector is stopping'));
      if (queue.length >= MAX_WAITING) {
        return Promise.reject(
          new ApiFailure('unavailable', 'too many messages are being registered at once; try again shortly', undefined, { 'Retry-After': '2' }),
        );
      }
      return new Promise((resolve, reject) => {
        queue.push({ job: { ...job, id: nextId++ }, resolve, reject });
        next();
      });
    },
    async stop() {
      stopped = true;
      for (const p of queue.splice(0)) p.reject(new ApiFailure('unavailable', 'the collector is stopping'));
      await worker?.terminate();
    },
  };
}
