import { outlookMailbox } from './mailbox';
import type { Recipient } from '@beacon/shared/api/messages';
import type { Composer, HostAdapter } from '../types';
import { contentEditableEditor } from '../editors/contenteditable';
import { closestContaining, emailsIn, sendButtonTrigger, simulateClick, uniqueRecipients } from '../dom';
import { scheduleCancel, scheduleTrigger } from '../schedule';
import { outlookSelectors as s } from './selectors';

function recipients(root: HTMLElement, body: HTMLElement): Recipient[] {
  const list: Recipient[] = [];
  for (const well of root.querySelectorAll<HTMLElement>(s.recipientWells)) {
    if (well === body || well.contains(body)) continue;
    const pills = well.querySelectorAll<HTMLElement>(s.recipientPills);
    for (const pill of pills) {
      const [email] = emailsIn(`${pill.getAttribute('title') ?? ''} ${pill.getAttribute('data-lpc-hover-target-id') ?? ''} ${pill.textContent ?? ''}`);
      const name = pill.textContent?.trim() ?? '';
      if (email) list.push(name && !name.includes('@') ? { email, name } : { email });
    }
    if (!pills.length) for (const email of emailsIn(well.textContent ?? '')) list.push({ email });
  }
  return uniqueRecipients(list);
}

function composerFor(body: HTMLElement): Composer | null {
  const root = closestContaining(body, s.sendButton);
  const sendButton = root?.querySelector<HTMLElement>(s.sendButton);
  if (!root || !sendButton) return null;
  return {
    root,
    editor: contentEditableEditor(body),
    getRecipients: () => recipients(root, body),
    getSubject: () => root.querySelector<HTMLInputElement>(s.subject)?.value ?? '',
    sendTrigger: sendButtonTrigger(root, sendButton),
    triggerSend: () => simulateClick(sendButton),
    scheduleTrigger: scheduleTrigger(root, s.schedule),
    toolbarAnchor: () => ({ anchor: sendButton.parentElement ?? sendButton, append: 'after' }),
  };
}

export const outlookAdapter: HostAdapter = {
  name: 'outlook',
  source: 'outlook',
  mailbox: outlookMailbox,
  findComposers(doc) {
    const bodies = new Set(doc.querySelectorAll<HTMLElement>(s.body));
    return [...bodies].flatMap((body) => composerFor(body) ?? []);
  },
  scheduleCancel: scheduleCancel({ cancel: s.scheduledCancel, message: s.scheduledMessage }),
};
