import type { Db } from '../db/connect.ts';
import type { Viewer } from './hub.ts';

export interface ReplayRow {
  id: string;
  messageId: string;
  subject: string;
  kind: string;
  classification: string;
  at: Date;
  url: string | null;
  recipient: string | null;
  firstOpen: boolean;
}

/**
 * The newest `limit` events after `afterId` (ids are UUIDv7, so id order is time order) that the viewer may see,
 * newest first; none when `afterId` (at `after`, the time it encodes) is not an event of the workspace. `since` bounds `at` so that Postgres prunes the older monthly partitions. The columns are those
 * the writer puts in a live event; firstOpen is the message's `opened` unique written at this event's time.
 */
export function eventsAfter(sql: Db, viewer: Viewer, afterId: string, after: Date, since: Date, limit: number): Promise<ReplayRow[]> {
  return sql<ReplayRow[]>`
    select e.id, e.message_id as "messageId", m.subject, e.kind, e.classification, e.at,
      m.links -> e.link_index ->> 'url' as url,
      coalesce(m.recipients -> e.recipient_index ->> 'email', e.recipient) as recipient,
      e.kind in ('open', 'click', 'mirror') and exists (
        select 1 from uniques u
        where u.workspace_id = e.workspace_id and u.message_id = e.message_id and u.kind = 'opened'
          and u.recipient_key = '' and u.at = e.at) as "firstOpen"
    from events e
    join messages m on m.workspace_id = e.workspace_id and m.id = e.message_id
    where e.workspace_id = ${viewer.ws} and e.id > ${afterId}::uuid and e.at >= ${since}
      ${viewer.user === null ? sql`` : sql`and m.user_id = ${viewer.user}`}
      and exists (select 1 from events c where c.workspace_id = ${viewer.ws} and c.id = ${afterId}::uuid and c.at = ${after})
    order by e.id desc
    limit ${limit}`;
}
