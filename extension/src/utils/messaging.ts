import { browser } from 'wxt/browser';
import type { Me, Suppression } from '@beacon/shared/api/me';
import type { MessageStatus } from '@beacon/shared/api/message-status';
import type { CreateMessageRequest, CreateMessageResponse, MessageDetail, MessageList, MessageRecipients } from '@beacon/shared/api/messages';
import type { Report, ReportScope, StreamEvent } from '@beacon/shared/api/reports';
import type { PlannedLink, ScannedLink, TrackingType } from '@beacon/shared/links/index';
import type { StyledEntrypoint } from '../background/composer-styles';
import type { Family } from '../hosts/editors/bridge';

/** Why a call to the collector did not give an answer we can use. */
export type FailureReason = 'not-signed-in' | 'unreachable' | 'timeout' | 'unauthorized' | 'rejected';
export interface Failure {
  ok: false;
  reason: FailureReason;
  message: string;
  /** The collector's HTTP status, when it answered. */
  status?: number;
}
export type Result<T> = { ok: true; value: T } | Failure;

/** Typed requests from content scripts and extension pages to the background, which owns the network. */
export interface Protocol {
  signIn(input: { collectorUrl: string; token: string }): Result<Me>;
  signOut(input: null): { ok: true };
  /** `key`: made once per send, the Idempotency-Key of every attempt to register it. */
  registerMessage(input: { key: string; message: CreateMessageRequest }): Result<CreateMessageResponse>;
  /** An ESP draft tracked again: the message registered as `key` takes the new content (same id). */
  updateMessage(input: { key: string; message: CreateMessageRequest }): Result<CreateMessageResponse>;
  /** The send registered as `key` will not go out tracked: withdraw it, now or once the collector is reachable. */
  forgetMessage(input: { key: string }): { ok: true };
  /** A scheduled send was cancelled: withdraw it, by its key (the host's undo) or the tracking URLs in its body. */
  withdrawScheduled(input: { key?: string; tokens?: string[] }): { ok: true; withdrawn: number };
  /** A draft the host reopened holds a cancelled scheduled send's tracking: the draft as written, else null. */
  untrackWithdrawn(input: { html: string }): string | null;
  checkSuppressions(input: { emails: string[] }): Result<Suppression[]>;
  /** The link engine runs in the background: it keeps the content script small and the page's thread free. */
  planLinks(input: { html: string; trackClicks: boolean; overrides: Record<string, TrackingType> }): PlannedLink[];
  scanLinks(input: { html: string }): ScannedLink[];
  /** The draft without Beacon's tracking: `tracked` maps each tracked URL to its original. */
  untrack(input: { html: string; tracked: Record<string, string>; pixelUrl?: string }): string;
  /** Popup and options (issue 5): reports read by the background, parsed with the shared schemas. */
  listMessages(input: { limit?: number; cursor?: string; q?: string }): Result<MessageList>;
  getMessage(input: { id: string }): Result<MessageDetail>;
  /** A list campaign's recipients known through the ESP's merge tag (the sender's and managers'). */
  getRecipients(input: { id: string }): Result<MessageRecipients>;
  /** Over one message when `messageId` is set, else over every message the user may see. */
  getReport(input: { scope: ReportScope; messageId?: string }): Result<Report>;
  /** The options page requests the site's host permission in the click, then asks for these. */
  addEspSite(input: { origin: string }): Result<string[]>;
  removeEspSite(input: { origin: string }): Result<string[]>;
  /** The CSS of the composer UI's shadow roots (the content scripts' styles are not web-accessible). */
  composerStyles(input: { entrypoint: StyledEntrypoint }): string;
  /** Injects the main-world bridge of an editor family into the asking frame (where that editor is). */
  loadBridge(input: { family: Family }): { ok: boolean };
  /** Read marks (issue 22): for each item of a mailbox page, its tracked messages (one request per page). */
  mailboxStatus(input: { host: string; items: MailboxQuery[] }): Result<MessageStatus[][]>;
  /** The mark's card script, injected into the asking frame on the first click on a mark. */
  loadMailboxCard(input: null): { ok: boolean };
  /** A mark's card links to the message's report: the popup's page, in a tab. */
  openReport(input: { id: string }): { ok: true };
}

/** A mailbox item as the background needs it: a row's thread id; a message's body tokens (and its thread, to learn). */
export interface MailboxQuery {
  kind: 'row' | 'message';
  threadId: string | null;
  tokens: string[];
  subject?: string;
  recipients?: string[];
}
/** Mailbox pages' port: the background pushes fresh marks through it when the stream tells of a hit. */
export const MARKS_PORT = 'beacon-marks';
export type MarksUpdate = { type: 'statuses'; messages: MessageStatus[] };

/** The popup's port to the background: while it is open the badge stays clear, and new events are pushed through it. */
export const LIVE_PORT = 'beacon-live';
/** The background's event stream: `offline` retries by itself; `unauthorized` waits for a new sign-in. */
export type StreamStatus = 'connecting' | 'live' | 'offline' | 'unauthorized' | 'signed-out';
export type LiveUpdate = { type: 'hit'; event: StreamEvent } | { type: 'status'; status: StreamStatus };
export type MessageType = keyof Protocol;
export type Input<K extends MessageType> = Parameters<Protocol[K]>[0];
export type Output<K extends MessageType> = ReturnType<Protocol[K]>;
interface Envelope<K extends MessageType = MessageType> {
  beacon: K;
  input: Input<K>;
}

export async function askBackground<K extends MessageType>(type: K, input: Input<K>): Promise<Output<K>> {
  const envelope: Envelope<K> = { beacon: type, input };
  return (await browser.runtime.sendMessage(envelope)) as Output<K>;
}

/** The background gives up on the collector after 3 s; past this grace it is taken not to answer at all. */
const BACKGROUND_GRACE_MS = 3500;

/** `askBackground` for a request that goes to the collector: null when it fails or the background never answers. */
export function askBackgroundInTime<K extends MessageType>(type: K, input: Input<K>): Promise<Output<K> | null> {
  return Promise.race([askBackground(type, input).catch(() => null), new Promise<null>((resolve) => setTimeout(() => resolve(null), BACKGROUND_GRACE_MS))]);
}

/** Who asked: the tab and frame of a content script (handlers that act on the page use it). */
export interface Asker {
  tabId?: number;
  frameId?: number;
}
export type Handlers = { [K in MessageType]: (input: Input<K>, asker: Asker) => Promise<Output<K>> };

/** Background side: answers each typed request (sendResponse + `return true` works in every browser). */
export function answerRequests(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isEnvelope(message)) return false;
    const handler = handlers[message.beacon] as (input: unknown, asker: Asker) => Promise<unknown>;
    handler(message.input, { tabId: sender.tab?.id, frameId: sender.frameId }).then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, reason: 'rejected', message: String(error) } satisfies Failure),
    );
    return true;
  });
}

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && typeof (message as Envelope).beacon === 'string';
}
