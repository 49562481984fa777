/** Scheduled sends in a webmail: the schedule dialog is the page's, not the composer's, so it is tied to the composer last used. */
import type { ScheduleCancel, ScheduledSend } from './types';
import { eventTarget, isActivationKey, isPointerActivation, simulateClick } from './dom';
import { readScheduleTime } from './schedule-time';

export interface ScheduleSelectors {
  /** A ready-made time of the schedule dialog ("Tomorrow morning"); one without a readable time opens the picker. */
  preset: string;
  /** Where a preset shows its time, when not in all its text. */
  presetTime?: string;
  /** The picker's confirming button. */
  confirm: string;
  /** The picker's date and time fields, read in this order. */
  fields: string;
}

/** The composer the user last clicked or typed in: the one a schedule dialog opened from. */
let lastUsed: Element | null = null;

function activates(event: Event): boolean {
  return isPointerActivation(event) || isActivationKey(event);
}

function langOf(doc: Document): string {
  return doc.documentElement.lang || navigator.language || 'en';
}

/** A composer's `scheduleTrigger`: a preset or the picker's confirmation, when the dialog came from this composer. */
export function scheduleTrigger(root: Element, s: ScheduleSelectors): (event: Event) => ScheduledSend | null {
  return (event) => {
    const target = eventTarget(event);
    if (!target) return null;
    if (root.contains(target)) {
      if (event.type === 'pointerdown' || event.type === 'mousedown' || event.type === 'keydown') lastUsed = root;
      return null;
    }
    if (lastUsed !== root || !root.isConnected || !activates(event)) return null;
    const lang = langOf(root.ownerDocument);
    const preset = target.closest(s.preset);
    if (preset) {
      const text = (s.presetTime && preset.querySelector(s.presetTime)?.textContent) || preset.textContent || '';
      const at = readScheduleTime(text, lang, new Date());
      return at === null ? null : { at, confirm: () => simulateClick(preset as HTMLElement) };
    }
    const confirm = target.closest<HTMLElement>(s.confirm);
    if (!confirm) return null;
    // Only the picker has date and time fields: the host's other dialogs (a link, a discard) confirm no send.
    const fields = [...(confirm.closest('[role="dialog"]') ?? confirm.ownerDocument).querySelectorAll<HTMLInputElement>(s.fields)];
    if (!fields.length) return null;
    const text = fields.map((field) => field.value).join(' ');
    return { at: readScheduleTime(text, lang, new Date()), confirm: () => simulateClick(confirm) };
  };
}

/** A host's `scheduleCancel`: its undo right after scheduling, or "Cancel send" on a scheduled message. */
export function scheduleCancel(s: { undo?: string; cancel: string; message: string }): (event: Event) => ScheduleCancel | null {
  return (event) => {
    const target = eventTarget(event);
    if (!target || !activates(event) || event.type === 'pointerdown' || event.type === 'mousedown' || event.type === 'pointerup' || event.type === 'mouseup')
      return null;
    if (s.undo && target.closest(s.undo)) return { undo: true };
    const message = target.closest(s.cancel)?.closest(s.message);
    return message ? { message } : null;
  };
}
