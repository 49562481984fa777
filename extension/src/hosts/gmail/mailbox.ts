import type { MailboxItem, MailboxReader } from '../types';
import { tokensIn } from '../tracking-tokens';
import { gmailMailboxSelectors as s, isSentList } from './mailbox-selectors';

function rows(doc: Document): MailboxItem[] {
  if (!isSentList(doc.location.hash)) return [];
  return [...doc.querySelectorAll<HTMLElement>(s.row)].flatMap((row) => {
    const slot = row.querySelector<HTMLElement>(s.rowSlot);
    const threadId = row.querySelector(s.rowThread)?.getAttribute('data-legacy-thread-id');
    if (!slot || !threadId) return [];
    const subject = row.querySelector(s.rowSubject)?.textContent ?? '';
    const recipients = [...row.querySelectorAll(s.rowRecipients)].map((el) => el.getAttribute('email') ?? '');
    return [{ kind: 'row' as const, slot, threadId, tokens: [], subject, recipients }];
  });
}

/** Every message of the open conversation; only the user's tracked ones carry tokens. */
function messages(doc: Document, origins: readonly string[]): MailboxItem[] {
  const heading = doc.querySelector(s.threadHeading);
  if (!heading) return [];
  const threadId = heading.getAttribute('data-legacy-thread-id');
  return [...doc.querySelectorAll<HTMLElement>(s.message)].flatMap((message) => {
    const slot = message.querySelector<HTMLElement>(s.messageSlot);
    const body = message.querySelector(s.messageBody);
    return slot && body ? [{ kind: 'message' as const, slot, threadId, tokens: tokensIn(body, origins) }] : [];
  });
}

export const gmailMailbox: MailboxReader = {
  findItems: (doc, origins) => [...rows(doc), ...messages(doc, origins)],
};
