import type { Db } from '../db/connect.ts';
import { createApiToken, createUser, createWorkspace, firstWorkspace } from './queries.ts';

export interface Bootstrapped {
  workspace: string;
  email: string;
  token: string;
}

/** On first start (no workspace yet): a workspace, its admin and a sign-in token, to be printed once. */
export async function bootstrap(sql: Db, opts: { workspaceName: string; adminEmail: string }): Promise<Bootstrapped | undefined> {
  if (await firstWorkspace(sql)) return undefined;
  const workspace = await createWorkspace(sql, opts.workspaceName);
  const admin = await createUser(sql, workspace.id, opts.adminEmail, 'admin');
  const { token } = await createApiToken(sql, admin, 'first start');
  return { workspace: workspace.name, email: admin.email, token };
}
