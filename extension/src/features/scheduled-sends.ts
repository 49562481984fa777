import { SCHEDULE_HORIZON_MS, SCHEDULE_SKEW_MS } from '@beacon/shared/schedule';
import type { Composer, HostAdapter, ScheduledSend } from '../hosts/types';
import { tokensIn } from '../hosts/tracking-tokens';
import { askBackground } from '../utils/messaging';
import { addSendHandler } from './send-gate';

/** The host's undo is offered for some seconds after a send; Gmail's lasts up to 30. */
const UNDO_MS = 45_000;

/** The registration's `scheduledAt`: the picked time when it is one the collector takes, else none (sent now). */
export function scheduledAtOf(scheduled: ScheduledSend | null, now = Date.now()): string | undefined {
  const at = scheduled?.at;
  if (at == null || at < now - SCHEDULE_SKEW_MS / 2 || at > now + SCHEDULE_HORIZON_MS - 86_400_000) return undefined;
  return new Date(at).toISOString();
}

let last: { key: string; at: number } | null = null;

/** The send just made: the host's undo cancels it, which withdraws it when it was a scheduled one (null: it was not). */
export function noteScheduled(key: string | null): void {
  last = key ? { key, at: Date.now() } : null;
}

/**
 * A scheduled send that is cancelled was never sent: its registration is withdrawn. The undo right after it is
 * this page's last scheduled send; "Cancel send" on a scheduled message names it by the tracking in its body, which
 * the background matches to the scheduled sends it registered.
 */
export function withdrawCancelledSchedules(adapter: HostAdapter, signal: AbortSignal): void {
  const cancelOf = adapter.scheduleCancel;
  if (!cancelOf) return;
  addSendHandler((event) => {
    const cancel = cancelOf(event);
    if (!cancel) return;
    if ('undo' in cancel) {
      if (last && Date.now() - last.at < UNDO_MS) void askBackground('withdrawScheduled', { key: last.key }).catch(() => {});
      last = null;
      return;
    }
    // Any origin's: the background withdraws only sends whose own tokens these are.
    const tokens = tokensIn(cancel.message, 'any');
    if (tokens.length) void askBackground('withdrawScheduled', { tokens }).catch(() => {});
  }, signal);
}

/**
 * A cancelled scheduled send comes back as a draft holding its tracked body (Gmail's Undo reopens it, "Cancel send"
 * makes it a draft): its links go back to what the sender wrote, so sending it again tracks it anew.
 */
export async function untrackCancelledDraft(composer: Composer): Promise<void> {
  const html = composer.editor.getHtml();
  if (!tokensIn(composer.editor.element, 'any').length) return;
  const restored = await askBackground('untrackWithdrawn', { html }).catch(() => null);
  if (restored !== null && restored !== html && composer.editor.getHtml() === html) composer.editor.setHtml(restored);
}
