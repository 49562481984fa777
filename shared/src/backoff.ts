/**
 * How long to wait before retry number `attempt` (1, 2, ...) after failures: doubling from `minMs`, never past
 * `maxMs`. The one backoff of the project: the collector's spool drain and the extension's retry loops.
 */
export function backoffMs(attempt: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, minMs * 2 ** Math.min(Math.max(attempt, 1) - 1, 20));
}
