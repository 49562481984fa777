import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { HostAdapter } from '../hosts/types';
import { startMailboxMarks } from './mailbox-marks';

/** Read marks for hosts with a mailbox (Gmail, Outlook), once the page has a body (the script runs at document_start). */
export function startMailbox(ctx: ContentScriptContext, adapter: HostAdapter): void {
  if (!adapter.mailbox) return;
  const begin = () => startMailboxMarks(adapter, ctx.signal);
  if (document.body) begin();
  else document.addEventListener('DOMContentLoaded', begin, { once: true, signal: ctx.signal });
}
