import type { Recipient } from '@beacon/shared/api/messages';
import type { Source } from '@beacon/shared/api/common';
import type { Family, PixelChange } from './editors/bridge';

/** Where the caret was when a dialog took focus, so an insertion lands there. */
export type Caret = { kind: 'range'; range: Range } | { kind: 'offsets'; start: number; end: number } | { kind: 'editor' };

/** One editable body: a contenteditable, an iframe's document, an HTML source textarea, or an editor of a known family. */
export interface Editor {
  kind: 'contenteditable' | 'iframe' | 'textarea' | 'codemirror' | 'bridged';
  /** The editor library, when Beacon knows it and talks to it through its bridge. */
  family?: Family;
  /** The element the user types in (inside the iframe for iframe editors). */
  element: HTMLElement;
  /** True when the body is HTML source text rather than rendered HTML. */
  isSource: boolean;
  getHtml(): string;
  /** Replaces the whole body the way the host's editor notices (input events / editor API). */
  setHtml(html: string): void;
  saveCaret(): Caret;
  /** Inserts at the saved caret through the host's editing path, so the host's undo covers it. */
  insertHtml(caret: Caret, html: string): void;
  /** Calls back on every change of the body until the signal aborts. */
  observe(onChange: () => void, signal: AbortSignal): void;
  /** Selects a span of the source text (source editors: locating a link). */
  selectSource?(from: number, to: number): void;
  /** Lets the editor take in what it still holds outside its model, before a read that must be complete. */
  flush?(): Promise<void>;
  /** Changes hrefs and the pixel in place where the editor does that much faster than taking new content; false when it does not. */
  rewriteLinks?(hrefs: Record<string, string>, pixel: PixelChange): boolean;
}

/** What a send trigger looked like, to tell the user and re-trigger the same way. */
export type SendTrigger = 'click' | 'key' | 'shortcut' | 'submit';

/** A send the host will make later: the time picked in its schedule dialog (null when unreadable), and how to confirm it again. */
export interface ScheduledSend {
  at: number | null;
  confirm(): void;
}

/** How a scheduled send is cancelled: the undo offered right after it, or "Cancel send" on the message, whose body is `message`. */
export type ScheduleCancel = { undo: true } | { message: Element };

/** One open composer of a host page. */
export interface Composer {
  root: HTMLElement;
  editor: Editor;
  getRecipients(): Recipient[];
  getSubject(): string;
  /** Is this event, seen in the capture phase, about to send this composer's message? */
  sendTrigger(event: Event): SendTrigger | null;
  /** Sends again after Beacon prepared the body (the interceptor lets this one through). */
  triggerSend(): void;
  /** Is this event confirming a scheduled send of this composer (Gmail's Schedule send, Outlook's Send later)? */
  scheduleTrigger?(event: Event): ScheduledSend | null;
  /** Element to put the toolbar's host element in, and how. */
  toolbarAnchor(): { anchor: Element; append: 'first' | 'last' | 'before' | 'after' } | null;
}

export interface HostAdapter {
  name: string;
  source: Source;
  /** Every composer currently in the document; readers take their root so tests pass fixtures. */
  findComposers(doc: Document): Composer[];
  /** Is this event cancelling a scheduled send? */
  scheduleCancel?(event: Event): ScheduleCancel | null;
  /** The Sent list and open messages, where read marks go (Gmail, Outlook). */
  mailbox?: MailboxReader;
}

/**
 * Something of the user's sent mail on a host page that may carry Beacon's read marks: a row of the Sent list
 * (no body: known by its thread id) or a sent message open in a thread or reading pane (its body's tokens).
 */
export interface MailboxItem {
  kind: 'row' | 'message';
  /**
   * The host's time of the message (inline text): the mark becomes its first child, out of the flow and drawn to its
   * left (features/mailbox-mark.ts), so none of the host's boxes moves.
   */
  slot: HTMLElement;
  /** The host's own thread (Gmail) or conversation (Outlook) id, when the page shows it. */
  threadId: string | null;
  /** Beacon's tracking tokens in the rendered body (messages), outside quoted text. */
  tokens: string[];
  /** A row's subject and recipients' addresses: matched to what this browser registered when the thread is unknown. */
  subject?: string;
  recipients?: string[];
}

/** Reads a host's mailbox (Sent list, thread, reading pane); `origins` are the collector's, whose tokens count. */
export interface MailboxReader {
  findItems(doc: Document, origins: readonly string[]): MailboxItem[];
}
