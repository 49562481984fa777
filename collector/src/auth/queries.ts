import { randomUUID } from 'node:crypto';
import type { Role } from '@beacon/shared/api/common';
import type { Db } from '../db/connect.ts';
import { generateApiToken, hashApiToken } from './tokens.ts';

export interface Workspace {
  id: string;
  name: string;
}
export interface User {
  id: string;
  workspaceId: string;
  email: string;
  role: Role;
}
export interface Caller {
  tokenId: string;
  user: User;
  workspace: Workspace;
}

export async function findWorkspaceByName(sql: Db, name: string): Promise<Workspace | undefined> {
  const [w] = await sql<Workspace[]>`select id, name from workspaces where lower(name) = lower(${name})`;
  return w;
}

export async function firstWorkspace(sql: Db): Promise<Workspace | undefined> {
  const [w] = await sql<Workspace[]>`select id, name from workspaces order by created_at, id limit 1`;
  return w;
}

export async function createWorkspace(sql: Db, name: string): Promise<Workspace> {
  const id = randomUUID();
  await sql`insert into workspaces (id, name) values (${id}, ${name})`;
  return { id, name };
}

export async function findUser(sql: Db, workspaceId: string, email: string): Promise<User | undefined> {
  const [u] = await sql<User[]>`
    select id, workspace_id as "workspaceId", email, role from users
    where workspace_id = ${workspaceId} and email = ${email.toLowerCase()}`;
  return u;
}

export async function usersByEmail(sql: Db, email: string): Promise<User[]> {
  return sql<User[]>`
    select id, workspace_id as "workspaceId", email, role from users where email = ${email.toLowerCase()} order by created_at`;
}

export async function createUser(sql: Db, workspaceId: string, email: string, role: Role): Promise<User> {
  const id = randomUUID();
  await sql`insert into users (id, workspace_id, email, role) values (${id}, ${workspaceId}, ${email.toLowerCase()}, ${role})`;
  return { id, workspaceId, email: email.toLowerCase(), role };
}

export async function setRole(sql: Db, userId: string, role: Role): Promise<void> {
  await sql`update users set role = ${role} where id = ${userId}`;
}

/** Creates a token for the user; returns the token itself, which is stored only as its hash. */
export async function createApiToken(sql: Db, user: User, label = ''): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const token = generateApiToken();
  await sql`insert into api_tokens (id, user_id, workspace_id, token_hash, label)
    values (${id}, ${user.id}, ${user.workspaceId}, ${hashApiToken(token)}, ${label})`;
  return { id, token };
}

export async function callerByToken(sql: Db, token: string): Promise<Caller | undefined> {
  const [row] = await sql<(User & { tokenId: string; workspaceName: string })[]>`
    select t.id as "tokenId", u.id, u.workspace_id as "workspaceId", u.email, u.role, w.name as "workspaceName"
    from api_tokens t join users u on u.id = t.user_id join workspaces w on w.id = u.workspace_id
    where t.token_hash = ${hashApiToken(token)} and t.revoked_at is null`;
  if (!row) return undefined;
  const { tokenId, workspaceName, ...user } = row;
  return { tokenId, user, workspace: { id: user.workspaceId, name: workspaceName } };
}

export async function touchApiToken(sql: Db, tokenId: string, at: Date): Promise<void> {
  await sql`update api_tokens set last_used_at = ${at} where id = ${tokenId}`;
}

export interface TokenRow {
  id: string;
  email: string;
  role: Role;
  workspace: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiTokens(sql: Db): Promise<TokenRow[]> {
  return sql<TokenRow[]>`
    select t.id, u.email, u.role, w.name as workspace, t.label, t.created_at as "createdAt",
      t.last_used_at as "lastUsedAt", t.revoked_at as "revokedAt"
    from api_tokens t join users u on u.id = t.user_id join workspaces w on w.id = u.workspace_id
    order by w.name, u.email, t.created_at`;
}

/** True when a live token was revoked. */
export async function revokeApiToken(sql: Db, id: string): Promise<boolean> {
  const rows = await sql`update api_tokens set revoked_at = now() where id = ${id} and revoked_at is null returning id`;
  return rows.length > 0;
}

export async function usersOfWorkspace(sql: Db, workspaceId: string): Promise<Pick<User, 'id' | 'email'>[]> {
  return sql<Pick<User, 'id' | 'email'>[]>`select id, email from users where workspace_id = ${workspaceId} order by email`;
}
