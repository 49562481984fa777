import type { StreamEvent } from '@beacon/shared/api/reports';
import { cutText } from '@beacon/shared/text';

const MAX_SUBJECT = 200;
const MAX_URL = 1000;

/**
 * One stream event, as the writer publishes it and the replay reads it back: the same shape both ways, with the
 * subject and URL cut on whole characters (half an emoji is JSON Postgres refuses in a NOTIFY).
 */
export function streamEvent(e: Omit<StreamEvent, 'at'> & { at: Date | number }): StreamEvent {
  const event: StreamEvent = {
    id: e.id,
    messageId: e.messageId,
    subject: cutText(e.subject, MAX_SUBJECT),
    kind: e.kind,
    classification: e.classification,
    at: new Date(e.at).toISOString(),
    firstOpen: e.firstOpen,
  };
  if (e.url) event.url = cutText(e.url, MAX_URL);
  if (e.recipient) event.recipient = e.recipient;
  return event;
}
