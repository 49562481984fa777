import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { HostAdapter } from '../hosts/types';
import { watchComposers } from './composer-watch';
import { startComposerSession } from './composer-session';
import { gateWindow } from './send-gate';
import { loadAccountState } from './account-state';
import { withdrawCancelledSchedules } from './scheduled-sends';

/** Content script body for every host: a session per composer the host's adapter finds. */
export function startComposers(ctx: ContentScriptContext, adapter: HostAdapter): void {
  gateWindow(window, ctx.signal);
  withdrawCancelledSchedules(adapter, ctx.signal);
  const ready = loadAccountState(ctx.signal);
  const begin = () =>
    void ready.then(() =>
      watchComposers(adapter, document, ctx.signal, (composer, signal) => {
        startComposerSession(ctx, adapter, composer, signal).catch((error: unknown) => console.warn('Beacon:', error));
      }),
    );
  if (document.documentElement && document.body) begin();
  else document.addEventListener('DOMContentLoaded', begin, { once: true, signal: ctx.signal });
}
