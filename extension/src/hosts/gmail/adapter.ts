import { gmailMailbox } from './mailbox';
import type { Recipient } from '@beacon/shared/api/messages';
import type { Composer, HostAdapter } from '../types';
import { contentEditableEditor } from '../editors/contenteditable';
import { closestContaining, emailsIn, sendButtonTrigger, simulateClick, uniqueRecipients } from '../dom';
import { scheduleCancel, scheduleTrigger } from '../schedule';
import { gmailSelectors as s } from './selectors';

function recipients(root: HTMLElement): Recipient[] {
  const list: Recipient[] = [];
  for (const chip of root.querySelectorAll<HTMLElement>(s.recipientChips)) {
    const email = chip.getAttribute('data-hovercard-id') ?? chip.getAttribute('email') ?? '';
    const name = chip.getAttribute('data-name') ?? chip.getAttribute('name') ?? '';
    if (emailsIn(email).length) list.push(name && name !== email ? { email, name } : { email });
  }
  for (const input of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(s.recipientInputs)) {
    for (const email of emailsIn(input.value)) list.push({ email });
  }
  return uniqueRecipients(list);
}

function composerFor(body: HTMLElement): Composer | null {
  const root = closestContaining(body, s.bottomBar);
  const sendButton = root?.querySelector<HTMLElement>(s.sendButton);
  if (!root || !sendButton) return null;
  return {
    root,
    editor: contentEditableEditor(body),
    getRecipients: () => recipients(root),
    getSubject: () => root.querySelector<HTMLInputElement>(s.subject)?.value ?? '',
    sendTrigger: sendButtonTrigger(root, sendButton),
    triggerSend: () => simulateClick(sendButton),
    scheduleTrigger: scheduleTrigger(root, s.schedule),
    toolbarAnchor() {
      const cell = root.querySelector(s.sendCell);
      return cell ? { anchor: cell, append: 'after' } : null;
    },
  };
}

export const gmailAdapter: HostAdapter = {
  name: 'gmail',
  source: 'gmail',
  mailbox: gmailMailbox,
  findComposers(doc) {
    return [...doc.querySelectorAll<HTMLElement>(s.body)].flatMap((body) => composerFor(body) ?? []);
  },
  scheduleCancel: scheduleCancel({ undo: s.undo, cancel: s.scheduledCancel, message: s.scheduledMessage }),
};
