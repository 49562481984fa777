import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useOnline } from '@vueuse/core';
import { browser, type Browser } from 'wxt/browser';
import type { StreamEvent } from '@beacon/shared/api/reports';
import { LIVE_PORT, type LiveUpdate, type StreamStatus } from '../utils/messaging';

/** The popup's line to the background's event stream: its status, and each new event as it arrives. */
export const useLiveStore = defineStore('live', () => {
  const status = ref<StreamStatus>('connecting');
  const online = useOnline();
  const listeners = new Set<(event: StreamEvent) => void>();
  let port: Browser.runtime.Port | null = null;

  function connect() {
    if (port) return;
    port = browser.runtime.connect({ name: LIVE_PORT });
    port.onMessage.addListener(receive);
    // The service worker was stopped: connecting again wakes it, and it reconnects its stream.
    port.onDisconnect.addListener(() => {
      port = null;
      status.value = 'connecting';
      setTimeout(connect, 300);
    });
  }

  function receive(update: LiveUpdate) {
    if (update.type === 'status') status.value = update.status;
    else for (const listener of listeners) listener(update.event);
  }

  /** Calls `listener` for each new event; returns the function that stops it. */
  function onHit(listener: (event: StreamEvent) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return { status, online, connect, receive, onHit };
});
