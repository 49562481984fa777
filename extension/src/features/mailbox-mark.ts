import { i18n } from '#i18n';
import type { MessageStatus } from '@beacon/shared/api/message-status';
import { format } from '../popup/format';

/**
 * One read mark: ✓ sent, ✓✓ opened (with the count), ↗ clicked. Plain DOM in a shadow root, not a Vue app: a Sent
 * list has 50 of them. Its host is out of the flow (position: absolute at its static place inside the host's date,
 * which becomes its containing block, drawn to the date's left), so no box of the host moves when it appears or
 * changes (bench/mailbox-marks.ts measures it).
 */
const HOST_STYLE =
  'all:initial!important;color:inherit!important;position:absolute!important;display:inline-block!important;transform:translateX(calc(-100% - 6px))!important;' +
  'white-space:nowrap!important;z-index:1!important;font:inherit!important;line-height:inherit!important;';
// The host's own colour (its date's), not a colour of ours: Gmail's and Outlook's themes do not follow the system's
// colour scheme, so only the host knows what reads on its background. Opened is told by ✓✓ and weight, not hue.
const CSS = `
button { all: unset; cursor: pointer; font: 500 12px/1.4 system-ui, sans-serif; color: inherit; padding: 0 4px; border-radius: 4px; display: inline-flex; gap: 3px; align-items: baseline; }
button:focus-visible { outline: 2px solid currentColor; outline-offset: 1px; }
button:hover { text-decoration: underline; }
button.opened { font-weight: 700; }
`;

export interface Mark {
  host: HTMLElement;
  button: HTMLButtonElement;
  status: MessageStatus | null;
  show(status: MessageStatus): void;
}

/** The message a row stands for: its thread's latest tracked message. */
export const latest = (list: MessageStatus[]): MessageStatus | undefined =>
  list.reduce<MessageStatus | undefined>((a, b) => (!a || b.sentAt > a.sentAt ? b : a), undefined);

/** What the mark says, in words; the shown count is in it as digits ("Opened 1 time"), so the name includes what is seen. */
export function describe(s: MessageStatus): string {
  const parts = [s.opens > 0 ? i18n.t('mailbox.mark.opened', s.opens, [format.number(s.opens)]) : i18n.t('mailbox.mark.sent')];
  if (s.clicks > 0) parts.push(i18n.t('mailbox.mark.clicked', s.clicks, [format.number(s.clicks)]));
  if (!s.trackOpens) parts.push(i18n.t('popup.report.opensNotTracked'));
  if (s.lastOpenAt) parts.push(i18n.t('mailbox.mark.lastOpened', { when: format.dateTime(s.lastOpenAt) }));
  // Activity since the last open (a click, an unsubscribe, a mirror view), or with no pixel open to date: said too.
  if (s.lastActivityAt && (!s.lastOpenAt || s.lastActivityAt > s.lastOpenAt)) {
    parts.push(i18n.t('mailbox.mark.lastActivity', { when: format.dateTime(s.lastActivityAt) }));
  }
  return parts.join(' · ');
}

export function createMark(onActivate: (mark: Mark) => void): Mark {
  const host = document.createElement('span');
  host.setAttribute('data-beacon-mark', '');
  host.setAttribute('style', HOST_STYLE);
  const root = host.attachShadow({ mode: 'open' });
  adoptStyle(root);
  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  root.append(button);
  const mark: Mark = {
    host,
    button,
    status: null,
    show(s) {
      mark.status = s;
      const text = describe(s);
      const opened = s.opens > 0;
      button.className = opened ? 'opened' : 'sent';
      button.dataset.opens = String(s.opens);
      button.dataset.clicks = String(s.clicks);
      button.title = text;
      button.setAttribute('aria-label', `${i18n.t('mailbox.mark.label')}: ${text}`);
      button.replaceChildren(glyph(opened ? '✓✓' : '✓'));
      if (opened) button.append(glyph(format.number(s.opens), 'count'));
      if (s.clicks > 0) button.append(glyph('↗', 'clicked'));
    },
  };
  // The host's row or message header must not see the click (it would open the thread).
  for (const type of ['click', 'mousedown', 'mouseup', 'keydown']) {
    button.addEventListener(type, (e) => {
      e.stopPropagation();
      if (type === 'click') {
        e.preventDefault();
        onActivate(mark);
      }
    });
  }
  return mark;
}

let sheet: CSSStyleSheet | null | undefined;

/** One constructed sheet shared by every mark (50 <style> elements cost a style pass each); a <style> where that fails. */
function adoptStyle(root: ShadowRoot): void {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    } catch {
      sheet = null;
    }
  }
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      sheet = null; // a content script's sheet refused by the page's document (Firefox's Xrays)
    }
  }
  const style = document.createElement('style');
  style.textContent = CSS;
  root.append(style);
}

function glyph(text: string, className?: string): HTMLElement {
  const span = document.createElement('span');
  span.setAttribute('aria-hidden', 'true');
  if (className) span.className = className;
  span.textContent = text;
  return span;
}
