import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the calling thread's priority (Linux: a thread's own id is in /proc/thread-self). For threads whose work can
 * wait while a pixel's answer cannot: on a small machine they otherwise take the cores from the request thread.
 * Elsewhere, or when not permitted, the thread keeps the process's priority.
 */
export function lowerThreadPriority(nice: number): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), nice);
  } catch {
    // Not Linux, or not permitted.
  }
}
