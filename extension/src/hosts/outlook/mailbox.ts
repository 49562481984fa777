import { closestContaining } from '../dom';
import type { MailboxItem, MailboxReader } from '../types';
import { tokensIn } from '../tracking-tokens';
import { outlookMailboxSelectors as s, isSentFolder } from './mailbox-selectors';

function rows(doc: Document): MailboxItem[] {
  if (!isSentFolder(doc.location.pathname)) return [];
  return [...doc.querySelectorAll<HTMLElement>(s.row)].flatMap((row) => {
    const texts = [...row.querySelectorAll<HTMLElement>(s.rowTimes)];
    const slot = texts.at(-1);
    if (!slot || texts.length < 2) return [];
    const recipients = [...row.querySelectorAll(s.rowRecipients)].map((el) => el.getAttribute('title') ?? '');
    return [{ kind: 'row' as const, slot, threadId: row.getAttribute('data-convid'), tokens: [], subject: texts[0]!.getAttribute('title') ?? '', recipients }];
  });
}

function messages(doc: Document, origins: readonly string[]): MailboxItem[] {
  const threadId = doc.querySelector(s.selectedRow)?.getAttribute('data-convid') ?? null;
  return [...doc.querySelectorAll<HTMLElement>(s.messageBody)].flatMap((body) => {
    const slot = closestContaining(body, s.messageTime)?.querySelector<HTMLElement>(s.messageTime);
    return slot ? [{ kind: 'message' as const, slot, threadId, tokens: tokensIn(body, origins) }] : [];
  });
}

export const outlookMailbox: MailboxReader = {
  findItems: (doc, origins) => [...rows(doc), ...messages(doc, origins)],
};
