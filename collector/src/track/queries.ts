import type { Db } from '../db/connect.ts';

export async function mirrorHtml(sql: Db, workspaceId: string, messageId: string): Promise<{ html: string | null } | undefined> {
  const [row] = await sql<{ html: string | null }[]>`
    select html from messages where workspace_id = ${workspaceId} and id = ${messageId}`;
  return row;
}

export interface UnsubscribeContext {
  workspace: string;
  recipients: { email: string }[];
}

export async function unsubscribeContext(sql: Db, workspaceId: string, messageId: string): Promise<UnsubscribeContext | undefined> {
  const [row] = await sql<UnsubscribeContext[]>`
    select w.name as workspace, m.recipients from messages m join workspaces w on w.id = m.workspace_id
    where m.workspace_id = ${workspaceId} and m.id = ${messageId}`;
  return row;
}
