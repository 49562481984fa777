import type { CreateMessageRequest } from '@beacon/shared/api/messages';
import { sentRecordsItem, serialized, type SentRecord } from '../utils/storage';

const KEPT = 500;
/** Older rows are left alone: a subject reused months later must not borrow another message's marks. */
const MATCH_WITHIN_MS = 60 * 24 * 3600_000;

const normalize = (subject: string) => subject.replace(/\s+/g, ' ').trim();
/** Registrations finish concurrently (several composers, tabs): each one's record is kept. */
const records = serialized(sentRecordsItem);

/** Called once a registration succeeded: the message as the Sent list will show it. */
export async function rememberSent(id: string, message: Pick<CreateMessageRequest, 'subject' | 'recipients'>, now = Date.now()): Promise<void> {
  if (message.recipients.length === 0) return; // a list campaign never shows in a mailbox's Sent list
  const record: SentRecord = { id, subject: normalize(message.subject), to: message.recipients.map((r) => r.email.toLowerCase()), at: now };
  await records.update((list) => [...list.filter((r) => r.id !== id), record].slice(-KEPT));
}

/**
 * The one message this browser registered with this subject to one of these addresses, lately; none when two match
 * (the row could be either), so a guess never shows another message's marks.
 */
export function matchSent(records: SentRecord[], subject: string, recipients: string[], now = Date.now()): string | null {
  const to = new Set(recipients.map((r) => r.toLowerCase()));
  if (!subject.trim() || to.size === 0) return null;
  const found = records.filter((r) => now - r.at < MATCH_WITHIN_MS && r.subject === normalize(subject) && r.to.some((a) => to.has(a)));
  return found.length === 1 ? found[0]!.id : null;
}
