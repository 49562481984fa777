import { i18n } from '#i18n';
import type { CreateMessageRequest, Recipient } from '@beacon/shared/api/messages';
import type { Source } from '@beacon/shared/api/common';
import type { Composer, ScheduledSend } from '../hosts/types';
import type { ComposerStore } from '../stores/composer';
import { askBackground, askBackgroundInTime, type Output } from '../utils/messaging';
import { addSendHandler, gateWindow } from './send-gate';
import { suppressedAmong } from './suppression-check';
import { warningText } from '../i18n/collector-warnings';
import type { TrackingApplier } from './apply-tracking';
import { noteScheduled, scheduledAtOf } from './scheduled-sends';

/** `{{recipient.email}}`, `{{recipient.name}}`, `{{recipient.firstName}}` (the shared EXPRESSIONS). */
const RECIPIENT_EXPRESSION = /\{\{recipient\.(?:email|name|firstName)\}\}/;
const PRESS_EVENTS = new Set(['pointerdown', 'mousedown', 'pointerup', 'mouseup']);

/** Events from Beacon's own UI (toolbar, dialogs) never send. */
function fromBeaconUi(event: Event): boolean {
  return event.composedPath().some((node) => node instanceof Element && node.localName.startsWith('beacon-'));
}

function stop(event: Event) {
  event.preventDefault();
  event.stopImmediatePropagation();
}

/**
 * Catches every way to send in the capture phase. When tracking, holds the send, registers the message,
 * puts the tracked HTML in the body and sends again; on failure the user chooses, and the draft stays as it was.
 */
export function interceptSends(composer: Composer, store: ComposerStore, source: Source, signal: AbortSignal, tracking?: TrackingApplier): void {
  let passThrough = false;
  /** The send being prepared is a scheduled one: it goes on by confirming the host's schedule dialog again. */
  let scheduled: ScheduledSend | null = null;

  function resend() {
    passThrough = true;
    try {
      if (scheduled) scheduled.confirm();
      else composer.triggerSend();
    } finally {
      passThrough = false;
    }
  }

  function onEvent(event: Event) {
    if (passThrough || fromBeaconUi(event)) return;
    const schedule = composer.scheduleTrigger?.(event) ?? null;
    const trigger = schedule ? 'click' : composer.sendTrigger(event);
    if (!trigger) return;
    if (store.sending) return stop(event);
    if (!store.tracking) return; // not signed in, or both switches off: the host sends untouched
    stop(event);
    scheduled = schedule;
    // A mouse press only arms the send; the click that follows starts it (and is re-made whole later).
    if (PRESS_EVENTS.has(event.type)) return;
    void (tracking ? prepareEspSend(tracking) : prepareAndSend());
  }

  /** The host ignores a resubmit while its form is still dispatching the held submit: go on after it. */
  const afterThisEvent = () => new Promise((resolve) => setTimeout(resolve, 0));

  /**
   * An ESP's own send or save reads the editor: the draft is tracked in place first (or already is), checked by
   * reading the editor back, then the send goes on. One registration per draft, however often it is sent.
   */
  async function prepareEspSend(applier: TrackingApplier) {
    store.sending = true;
    store.notice = '';
    try {
      await afterThisEvent();
      const outcome = await applier.apply({ ask: false });
      if (outcome === 'applied' || outcome === 'unchanged') return resend();
      if (outcome === 'cancelled') return;
      if (outcome === 'refused') {
        const message = i18n.t('apply.refusedAtSend', { notice: store.notice });
        const question = { title: i18n.t('apply.refused'), message, confirm: i18n.t('send.withoutTracking'), cancel: i18n.t('common.cancel') };
        if (await store.ask({ ...question, extra: copyTracked() })) resend();
        return;
      }
      await failed(i18n.t('send.couldNotPrepare'), store.notice || i18n.t('apply.draftUnchanged'));
    } catch (error) {
      await failed(i18n.t('send.couldNotPrepare'), i18n.t('apply.unreadable', { error: String(error) }));
    } finally {
      store.sending = false;
    }
  }

  function copyTracked() {
    const html = store.refused ?? '';
    return { label: i18n.t('apply.copyTracked'), run: () => void navigator.clipboard.writeText(html).catch(() => {}) };
  }

  async function failed(title: string, message: string) {
    if (await store.ask({ title, message, confirm: i18n.t('send.withoutTracking'), cancel: i18n.t('common.cancel') })) resend();
  }

  /** Asks about unsubscribed recipients and unresolvable personalization; false when the user stops the send. */
  async function confirmRecipients(html: string, recipients: Recipient[]): Promise<boolean | 'collector-down'> {
    // Addresses this composer already asked about need no second round trip before the send.
    const emails = recipients.map((r) => r.email.toLowerCase());
    const fresh = await suppressedAmong(recipients.filter((r) => !(r.email.toLowerCase() in store.suppressionChecked)));
    // A collector too slow to say who unsubscribed will not register the message in time either.
    if (!fresh.ok && (fresh.reason === 'timeout' || fresh.reason === 'unreachable')) return 'collector-down';
    const suppressed = [...emails.filter((email) => store.suppressionChecked[email]), ...(fresh.ok ? fresh.suppressed : [])];
    if (suppressed.length) {
      store.suppressed = suppressed;
      const message = i18n.t('send.unsubscribedMessage', suppressed.length, { emails: suppressed.join(', ') });
      const title = i18n.t('send.unsubscribedTitle', suppressed.length);
      if (!(await store.ask({ title, message, confirm: i18n.t('send.anyway'), cancel: i18n.t('common.cancel') }))) return false;
    }
    if (recipients.length > 1 && RECIPIENT_EXPRESSION.test(html)) {
      const message = i18n.t('send.personalizationMessage', { expression: '{{recipient.…}}', count: String(recipients.length) });
      const title = i18n.t('send.personalizationTitle');
      if (!(await store.ask({ title, message, confirm: i18n.t('send.anyway'), cancel: i18n.t('common.cancel') }))) return false;
    }
    return true;
  }

  /** The background's answer, or `null` when it gave none in time (the collector may have the message all the same). */
  async function register(key: string, html: string, recipients: Recipient[]): Promise<Output<'registerMessage'> | null> {
    const scheduledAt = scheduledAtOf(scheduled);
    const message: CreateMessageRequest = {
      ...(scheduledAt ? { scheduledAt } : {}),
      subject: composer.getSubject(),
      recipients,
      html,
      trackOpens: store.trackOpens,
      trackClicks: store.trackClicks,
      links: Object.entries(store.overrides).map(([url, type]) => ({ url, type })),
      source,
    };
    return askBackgroundInTime('registerMessage', { key, message });
  }

  /** A registration this send will not use (the background withdraws it, now or once the collector is reachable). */
  function forget(key: string) {
    askBackground('forgetMessage', { key }).catch(() => {});
  }

  /** Puts the tracked HTML in place, or leaves the draft exactly as it was. */
  function replaceBody(before: string, tracked: string): string | null {
    if (composer.editor.getHtml() !== before) return i18n.t('send.editedMeanwhile');
    try {
      composer.editor.setHtml(tracked);
      return null;
    } catch (error) {
      composer.editor.setHtml(before);
      return i18n.t('send.updateFailed', { error: String(error) });
    }
  }

  async function prepareAndSend() {
    store.sending = true;
    store.notice = '';
    try {
      await afterThisEvent();
      const html = composer.editor.getHtml();
      const recipients = composer.getRecipients();
      if (!recipients.length) return resend(); // the host itself asks for a recipient
      const confirmed = await confirmRecipients(html, recipients);
      if (confirmed === 'collector-down') return await failed(i18n.t('send.couldNotPrepare'), i18n.t('send.collectorSlow'));
      if (!confirmed) return;
      // One key per send: every attempt to register this send, Chromium's own resends included, makes one message.
      const key = crypto.randomUUID();
      const result = await register(key, html, recipients);
      if (!result) {
        forget(key);
        return await failed(i18n.t('send.couldNotPrepare'), i18n.t('send.beaconSlow'));
      }
      if (!result.ok) {
        if (result.reason === 'not-signed-in') return resend();
        return await failed(i18n.t('send.couldNotPrepare'), i18n.t('send.refused', { message: result.message }));
      }
      const problem = replaceBody(html, result.value.html);
      if (problem) {
        forget(key);
        return await failed(i18n.t('send.notChanged'), problem);
      }
      store.notice = result.value.warnings.map((warning) => warningText(warning, recipients.length)).join(' ');
      noteScheduled(scheduled ? key : null);
      resend();
    } finally {
      store.sending = false;
    }
  }

  addSendHandler(onEvent, signal);
  // A rich editor in an iframe gets its keyboard events in its own window.
  gateWindow(composer.editor.element.ownerDocument.defaultView, signal);
}
