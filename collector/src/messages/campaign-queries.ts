import type { MessageLink } from '@beacon/shared/api/messages';
import type { Db } from '../db/connect.ts';

export async function setAudienceSize(sql: Db, workspaceId: string, id: string, size: number | null): Promise<void> {
  await sql`update messages set audience_size = ${size} where workspace_id = ${workspaceId} and id = ${id}`;
}

export interface MessageUpdate {
  workspaceId: string;
  userId: string;
  id: string;
  key: string;
  requestHash: string;
  subject: string;
  recipients: { email: string; name?: string }[];
  trackOpens: boolean;
  trackClicks: boolean;
  links: MessageLink[];
  html: string;
  audienceSize: number | null;
}

/** A draft tracked again after editing: the same message (id, time, counters), its content and links replaced. */
export async function updateMessage(sql: Db, m: MessageUpdate): Promise<void> {
  await sql`
    update messages set subject = ${m.subject}, recipients = ${sql.json(m.recipients)}, track_opens = ${m.trackOpens},
      track_clicks = ${m.trackClicks}, links = ${sql.json(m.links as never)}, html = ${m.html}, audience_size = ${m.audienceSize}
    where workspace_id = ${m.workspaceId} and id = ${m.id} and user_id = ${m.userId}`;
  // A replay of the new request with the same key now returns this content.
  await sql`
    update message_keys set request_hash = ${m.requestHash}
    where workspace_id = ${m.workspaceId} and user_id = ${m.userId} and key = ${m.key}`;
}

export interface FirstAction {
  kind: string;
  recipientKey: string;
  at: Date;
}

/** The first open and first click of each known recipient (a webmail recipient `r:<index>`, a list's `e:<address>`). */
export async function firstActions(sql: Db, workspaceId: string, id: string): Promise<FirstAction[]> {
  return sql<FirstAction[]>`
    select kind, recipient_key as "recipientKey", at from uniques
    where workspace_id = ${workspaceId} and message_id = ${id} and kind in ('open', 'click')
      and (recipient_key like 'e:%' or recipient_key like 'r:%')
    order by at`;
}

export async function audienceSize(sql: Db, workspaceId: string, id: string): Promise<number | null> {
  const [row] = await sql<{ size: number | null }[]>`
    select audience_size as size from messages where workspace_id = ${workspaceId} and id = ${id}`;
  return row?.size ?? null;
}
