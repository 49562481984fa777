import { StreamEventSchema, type StreamEvent } from '@beacon/shared/api/reports';
import { backoffMs } from '@beacon/shared/backoff';
import type { StreamStatus } from '../utils/messaging';
import { createSseParser } from './sse-parser';

export interface StreamOptions {
  collectorUrl: string;
  token: string;
  /** Sent as Last-Event-ID, so a collector that keeps a backlog can replay what was missed while the worker slept. */
  lastEventId: string;
  onHit(event: StreamEvent, lastEventId: string): void;
  onStatus(status: StreamStatus): void;
  /** Every chunk, heartbeats included: the service worker uses it to stay awake while the stream is open. */
  onActivity?(): void;
  signal: AbortSignal;
  /** No bytes for this long means a dead connection (the collector sends a heartbeat every 25 s). */
  idleMs?: number;
  /** Wait before reconnect attempt `n` (1, 2, ...). */
  backoffMs?(attempt: number, serverRetryMs: number | undefined): number;
}

type Outcome = { kind: 'unauthorized' } | { kind: 'dropped'; wasLive: boolean; retryMs: number | undefined };

const DEFAULT_IDLE_MS = 70_000;

/** 1 s, 2 s, 4 s ... up to 30 s, with jitter so a restarted collector is not hit by every browser at once. */
export function defaultBackoff(attempt: number, serverRetryMs: number | undefined): number {
  const base = Math.min(30_000, Math.max(serverRetryMs ?? 0, backoffMs(attempt, 1000, 30_000)));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Reads the collector's event stream until `signal` aborts, reconnecting after every failure except a refused token. */
export async function runStream(options: StreamOptions): Promise<void> {
  let lastEventId = options.lastEventId;
  let attempt = 0;
  options.onStatus('connecting');
  while (!options.signal.aborted) {
    const outcome = await readOnce(options, lastEventId, (id) => (lastEventId = id));
    if (options.signal.aborted) return;
    if (outcome.kind === 'unauthorized') return options.onStatus('unauthorized');
    options.onStatus('offline');
    attempt = outcome.wasLive ? 1 : attempt + 1;
    await sleep((options.backoffMs ?? defaultBackoff)(attempt, outcome.retryMs), options.signal);
  }
}

async function readOnce(options: StreamOptions, lastEventId: string, remember: (id: string) => void): Promise<Outcome> {
  const idle = new AbortController();
  const signal = AbortSignal.any([options.signal, idle.signal]);
  let timer = setTimeout(() => idle.abort(), options.idleMs ?? DEFAULT_IDLE_MS);
  const parser = createSseParser((message) => {
    if (message.event !== 'hit') return;
    const parsed = StreamEventSchema.safeParse(safeJson(message.data));
    if (!parsed.success) return; // a newer collector's extra kinds must not break older extensions
    remember(message.lastEventId);
    options.onHit(parsed.data, message.lastEventId);
  }, lastEventId);
  let wasLive = false;
  try {
    const response = await fetch(new URL('/api/stream', options.collectorUrl), {
      headers: {
        authorization: `Bearer ${options.token}`,
        accept: 'text/event-stream',
        ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
      },
      cache: 'no-store',
      signal,
    });
    if (response.status === 401) return { kind: 'unauthorized' };
    if (!response.ok || !response.body) return { kind: 'dropped', wasLive, retryMs: undefined };
    wasLive = true;
    options.onStatus('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(), options.idleMs ?? DEFAULT_IDLE_MS);
      options.onActivity?.();
      parser.push(value);
    }
  } catch {
    // unreachable, reset or idle: reconnect below
  } finally {
    clearTimeout(timer);
  }
  return { kind: 'dropped', wasLive, retryMs: parser.retryMs };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
