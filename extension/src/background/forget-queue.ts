import { browser } from 'wxt/browser';
import { backoffMs } from '@beacon/shared/backoff';
import { z } from 'zod';
import type { Failure } from '../utils/messaging';
import { pendingForgetsItem, serialized, type PendingForget } from '../utils/storage';
import { callCollector, type Credentials } from './collector-client';

const RETRY_ALARM = 'beacon-forget';
const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 60_000;
/** Past this a withdrawal is dropped: its token was likely replaced long ago. */
const GIVE_UP_MS = 7 * 86_400_000;

/** A registration that failed this way may still have reached the collector and been saved. */
export function maybeRegistered(failure: Failure): boolean {
  return failure.reason === 'unreachable' || failure.reason === 'timeout' || (failure.status ?? 0) >= 500;
}

/**
 * Withdraws the registration made with `key` (DELETE /api/messages/by-key/…), retried until the collector answers:
 * the queue is in storage, so an evicted service worker picks it up again at its next start or alarm.
 */
export async function forgetRegistration(key: string, credentials: Credentials): Promise<void> {
  await update((queue) => (queue.some((p) => p.key === key) ? queue : [...queue, { key, credentials, since: Date.now() }]));
  void flushForgets();
}

let running: Promise<void> | null = null;
let again = false;
let retry: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

/** Sends every pending withdrawal (one run at a time, another if one was queued meanwhile); failures retry later. */
export function flushForgets(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await attempt();
    } while (again);
  })().finally(() => (running = null));
  return running;
}

/** The alarm wakes a worker evicted while withdrawals were pending; the timer retries sooner while it lives. */
export function startForgetQueue(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM) void flushForgets();
  });
  void flushForgets();
}

async function attempt(): Promise<void> {
  clearTimeout(retry);
  const done = new Set<string>();
  for (const pending of await pendingForgetsItem.getValue()) {
    if (Date.now() - pending.since > GIVE_UP_MS || (await send(pending))) done.add(pending.key);
  }
  const left = await update((queue) => queue.filter((p) => !done.has(p.key)));
  if (left.length === 0) {
    failures = 0;
    await browser.alarms.clear(RETRY_ALARM);
    return;
  }
  retry = setTimeout(() => void flushForgets(), backoffMs(++failures, FIRST_RETRY_MS, LAST_RETRY_MS));
  await browser.alarms.create(RETRY_ALARM, { periodInMinutes: 1 });
}

/** True once settled: withdrawn, or refused for good (a revoked token will not do better on a retry). */
async function send(pending: PendingForget): Promise<boolean> {
  const result = await callCollector(z.unknown(), `/api/messages/by-key/${encodeURIComponent(pending.key)}`, {
    method: 'DELETE',
    credentials: pending.credentials,
  });
  return result.ok || !maybeRegistered(result);
}

const { update } = serialized(pendingForgetsItem);
