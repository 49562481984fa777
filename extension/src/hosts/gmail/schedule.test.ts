import { describe, expect, it } from 'vitest';
import en from './fixtures/compose-en.html?raw';
import de from './fixtures/compose-de.html?raw';
import scheduleEn from './fixtures/schedule-en.html?raw';
import scheduleDe from './fixtures/schedule-de.html?raw';
import type { Composer } from '../types';
import { gmailAdapter } from './adapter';
import { localTime as local, onASundayAfternoon, openPopup as open, seen } from '../schedule-fixtures';

onASundayAfternoon();

describe('Gmail Schedule send', () => {
  it.each([
    ['English', 'en', en, scheduleEn],
    ['German', 'de', de, scheduleDe],
  ])('takes a ready-made time and the picked one as a scheduled send of the composer it came from (%s)', (_, lang, compose, schedule) => {
    document.documentElement.lang = lang;
    document.body.innerHTML = compose + schedule;
    const composer: Composer = gmailAdapter.findComposers(document).at(-1)!;
    const trigger = (target: Element, type = 'click') => seen((e) => composer.scheduleTrigger!(e), target, type);
    seen((e) => composer.scheduleTrigger!(e), composer.root.querySelector('[aria-haspopup="true"]')!, 'pointerdown');

    expect(trigger(open('menu').querySelector('[selector="scheduledSend"]')!)).toBeNull(); // it only opens the dialog
    const dialog = open('schedule');
    const [morning, afternoon] = dialog.querySelectorAll('.Az');
    expect(trigger(morning!)?.at).toBe(local(2026, 11, 7, 8, 0));
    expect(trigger(afternoon!, 'keydown')?.at).toBe(local(2026, 11, 7, 13, 0));
    expect(trigger(dialog.querySelector('.AM')!)).toBeNull(); // "Pick date & time" opens the picker
    const picker = open('picker');
    expect(trigger(picker.querySelector('[data-mdc-dialog-action="ok"]')!)?.at).toBe(local(2026, 11, 8, 18, 30));
    expect(trigger(picker.querySelector('[data-mdc-dialog-action="cancel"]')!)).toBeNull();

    // Confirming again clicks the same time, as a mouse does.
    const scheduled = trigger(morning!)!;
    const clicks: string[] = [];
    for (const type of ['mousedown', 'mouseup', 'click']) morning!.addEventListener(type, () => clicks.push(type));
    scheduled.confirm();
    expect(clicks).toEqual(['mousedown', 'mouseup', 'click']);
  });

  it('ties the dialog to the composer whose arrow opened it, not to another one open', () => {
    document.body.innerHTML = en + scheduleEn;
    const [reply, dialog] = gmailAdapter.findComposers(document);
    seen((e) => reply!.scheduleTrigger!(e), reply!.root.querySelector('[aria-haspopup="true"]')!, 'pointerdown');
    const morning = open('schedule').querySelector('.Az')!;
    expect(seen((e) => dialog!.scheduleTrigger!(e), morning, 'click')).toBeNull();
    expect(seen((e) => reply!.scheduleTrigger!(e), morning, 'click')?.at).toBe(local(2026, 11, 7, 8, 0));
    // Send itself stays a plain send.
    expect(seen((e) => reply!.scheduleTrigger!(e), reply!.root.querySelector('.aoO')!, 'click')).toBeNull();
  });

  it("knows the toast's Undo and a scheduled message's Cancel send, by role and id, in German too", () => {
    document.body.innerHTML = de + scheduleDe;
    const cancelOf = (target: Element) => seen((e) => gmailAdapter.scheduleCancel!(e), target, 'click');
    expect(cancelOf(open('toast').querySelector('[role="link"]')!)).toEqual({ undo: true });
    const view = open('scheduled');
    const cancel = cancelOf(view.querySelector('[role="alert"] [role="button"]')!);
    expect(cancel && 'message' in cancel && cancel.message.querySelector('.a3s')).toBeTruthy();
    expect(cancelOf(document.querySelector('#link_vsm')!)).toBeNull();
    expect(cancelOf(document.querySelector('.aoO')!)).toBeNull();
  });
});
