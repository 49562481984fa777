import { browser, type Browser } from 'wxt/browser';
import type { StreamEvent } from '@beacon/shared/api/reports';
import { LIVE_PORT, type LiveUpdate, type StreamStatus } from '../utils/messaging';
import { accountItem, apiTokenItem, collectorUrlItem, lastStreamEventIdItem, unseenActivityItem } from '../utils/storage';
import { addUnseen, clearUnseen, isHumanActivity, showBadge } from './badge';
import { listenForNotificationClicks, notify } from './notifications';
import { runStream } from './stream';
import { markHit, marksReconnected, startMarks } from './marks';

const WAKE_ALARM = 'beacon-stream';
const SEEN_IDS_KEPT = 500;

let stream: AbortController | null = null;
let status: StreamStatus = 'signed-out';
const ports = new Set<Browser.runtime.Port>();
const seen = new Set<string>();

/**
 * The collector's event stream lives here, not in the popup: it feeds the badge and notifications while the popup is
 * closed. The worker can be evicted at any moment, so every wake-up (popup, alarm, start) reconnects.
 */
export function startLive(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIVE_PORT) return;
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    post(port, { type: 'status', status });
    void clearUnseen();
    void ensureStream();
  });
  // A wake-up call in case the worker was evicted while the collector was unreachable.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WAKE_ALARM) void ensureStream();
  });
  void browser.alarms.create(WAKE_ALARM, { periodInMinutes: 1 });
  accountItem.watch(() => void restartStream());
  listenForNotificationClicks();
  startMarks(() => void ensureStream());
  void unseenActivityItem.getValue().then(showBadge);
  void ensureStream();
}

async function ensureStream(): Promise<void> {
  if (stream) return;
  const controller = new AbortController();
  stream = controller;
  const [collectorUrl, token, account, lastEventId] = await Promise.all([
    collectorUrlItem.getValue(),
    apiTokenItem.getValue(),
    accountItem.getValue(),
    lastStreamEventIdItem.getValue(),
  ]);
  if (!collectorUrl || !token || !account) {
    stream = null;
    return setStatus('signed-out');
  }
  await runStream({
    collectorUrl,
    token,
    lastEventId,
    signal: controller.signal,
    onStatus: setStatus,
    onHit: (event, id) => void received(event, id),
    // An extension API call resets the worker's idle timer: the heartbeats keep it awake while the stream is open.
    onActivity: () => void browser.runtime.getPlatformInfo(),
  });
  if (stream === controller) stream = null;
}

/** Signed in as someone else, or out: the old stream, its position and its unseen count belong to the old account. */
async function restartStream(): Promise<void> {
  stream?.abort();
  stream = null;
  seen.clear();
  await lastStreamEventIdItem.removeValue();
  await clearUnseen();
  await ensureStream();
}

async function received(event: StreamEvent, lastEventId: string): Promise<void> {
  if (seen.has(event.id)) return;
  seen.add(event.id);
  if (seen.size > SEEN_IDS_KEPT) seen.delete(seen.values().next().value!);
  markHit(event.messageId);
  for (const port of ports) post(port, { type: 'hit', event });
  await lastStreamEventIdItem.setValue(lastEventId);
  if (isHumanActivity(event) && ports.size === 0) await addUnseen(1);
  await notify(event);
}

function setStatus(next: StreamStatus): void {
  if (next === 'live' && status !== 'live') marksReconnected();
  status = next;
  for (const port of ports) post(port, { type: 'status', status });
}

function post(port: Browser.runtime.Port, update: LiveUpdate): void {
  try {
    port.postMessage(update);
  } catch {
    ports.delete(port); // the popup closed between two events
  }
}
