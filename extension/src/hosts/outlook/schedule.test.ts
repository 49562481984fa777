import { describe, expect, it } from 'vitest';
import readingPane from './fixtures/reading-pane.html?raw';
import popoutFr from './fixtures/popout-fr.html?raw';
import scheduleEn from './fixtures/schedule-en.html?raw';
import scheduleFr from './fixtures/schedule-fr.html?raw';
import { outlookAdapter } from './adapter';
import { localTime as local, onASundayAfternoon, openPopup as open, seen } from '../schedule-fixtures';

onASundayAfternoon();

describe('Outlook Send later', () => {
  it.each([
    ['English', 'en-US', readingPane, scheduleEn],
    ['French', 'fr', popoutFr, scheduleFr],
  ])('takes a ready-made time and a custom one as a scheduled send (%s)', (_, lang, compose, schedule) => {
    document.documentElement.lang = lang;
    document.body.innerHTML = compose + schedule;
    const [composer] = outlookAdapter.findComposers(document);
    const trigger = (target: Element) => seen((e) => composer!.scheduleTrigger!(e), target);
    const arrow = composer!.root.querySelector('[aria-haspopup="true"]')!;
    expect(seen((e) => composer!.sendTrigger(e), arrow)).toBeNull(); // the arrow is not Send
    seen((e) => composer!.scheduleTrigger!(e), arrow, 'pointerdown');
    expect(trigger(open('menu').querySelector('[role="menuitem"]')!)).toBeNull();
    const [morning, afternoon, custom] = open('schedule').querySelectorAll('[role="menuitem"]');
    expect(trigger(morning!)?.at).toBe(local(2026, 11, 7, 8, 0));
    expect(trigger(afternoon!)?.at).toBe(local(2026, 11, 7, 13, 0));
    expect(trigger(custom!)).toBeNull();
    const picker = open('custom');
    expect(trigger(picker.querySelector('button.ms-Button--primary')!)?.at).toBe(local(2026, 11, 8, 18, 30));
    expect(trigger(picker.querySelector('button.ms-Button--default')!)).toBeNull();
  });

  it("knows the info bar's Cancel send on a scheduled message, and no other button", () => {
    document.body.innerHTML = scheduleFr;
    const view = open('scheduled');
    const cancel = seen((e) => outlookAdapter.scheduleCancel!(e), view.querySelector('.ms-MessageBar button')!);
    expect(cancel && 'message' in cancel && cancel.message.querySelector('[aria-label="Corps du message"]')).toBeTruthy();
    document.body.insertAdjacentHTML('beforeend', readingPane.replace('ReadingPaneContainerId', 'other'));
    expect(seen((e) => outlookAdapter.scheduleCancel!(e), document.querySelector('[data-testid="ComposeSendButton"]')!)).toBeNull();
  });
});
