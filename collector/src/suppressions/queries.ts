import type { Db } from '../db/connect.ts';

export async function findSuppression(sql: Db, workspaceId: string, email: string): Promise<{ at: Date } | undefined> {
  const [row] = await sql<{ at: Date }[]>`
    select at from suppressions where workspace_id = ${workspaceId} and email = ${email.toLowerCase()}`;
  return row;
}
