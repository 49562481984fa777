import { parseArgs } from 'node:util';
import { IdSchema, RoleSchema, type Role } from '@beacon/shared/api/common';
import { z } from 'zod';
import {
  createApiToken,
  createUser,
  createWorkspace,
  findUser,
  findWorkspaceByName,
  firstWorkspace,
  listApiTokens,
  revokeApiToken,
  setRole,
  usersByEmail,
  type Workspace,
} from './auth/queries.ts';
import { openDatabaseForTool, type Db, type Sql } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { ConfigError, loadConfig, type Config } from './env.ts';

const USAGE = `Usage:
  pnpm beacon token create --email EMAIL --role rep|manager|admin [--workspace NAME] [--label TEXT]
  pnpm beacon token list
  pnpm beacon token revoke TOKEN_ID

Uses the same DATABASE_URL / BEACON_DATA_DIR as the collector (and its embedded database while it runs).`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = args(argv);
  const [group, command, arg] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (group !== 'token' || !command) throw new UsageError(USAGE);
  // Arguments are checked before the database is opened, so a typo fails at once.
  let run: (sql: Sql, config: Config) => Promise<void>;
  if (command === 'create') {
    const input = createInput(values);
    run = (sql, config) => create(sql, config, input);
  } else if (command === 'list') {
    run = (sql) => list(sql);
  } else if (command === 'revoke') {
    const id = tokenId(arg);
    run = (sql) => revoke(sql, id);
  } else {
    throw new UsageError(USAGE);
  }
  const config = loadConfig();
  const db = await openDatabaseForTool({ url: config.databaseUrl, dataDir: config.dataDir, max: 1 });
  try {
    await migrate(db.sql);
    await run(db.sql, config);
  } finally {
    await db.close();
  }
}

function args(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        workspace: { type: 'string' },
        label: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${USAGE}`); // an unknown or incomplete option
  }
}

function createInput(v: { email?: string; role?: string; workspace?: string; label?: string }) {
  const email = z.email().safeParse(v.email?.trim());
  if (!email.success) throw new UsageError(`--email: a valid email address is required\n\n${USAGE}`);
  const role = RoleSchema.safeParse(v.role);
  if (!role.success) throw new UsageError(`--role: one of rep, manager, admin\n\n${USAGE}`);
  return { email: email.data, role: role.data, workspace: v.workspace, label: v.label };
}

function tokenId(id: string | undefined): string {
  if (!IdSchema.safeParse(id).success) throw new UsageError(`token revoke: give the token's id (from \`token list\`)\n\n${USAGE}`);
  return id!;
}

async function create(sql: Sql, config: Config, v: { email: string; role: Role; workspace?: string; label?: string }) {
  const out = await sql.begin(async (tx) => {
    const workspace = await chooseWorkspace(tx, v.email, v.workspace, config.bootstrap.workspaceName);
    let user = await findUser(tx, workspace.id, v.email);
    let note = 'existing user';
    if (!user) {
      user = await createUser(tx, workspace.id, v.email, v.role);
      note = 'new user';
    } else if (user.role !== v.role) {
      await setRole(tx, user.id, v.role);
      note = `role changed from ${user.role}`;
      user = { ...user, role: v.role };
    }
    const token = await createApiToken(tx, user, v.label ?? 'cli');
    return { workspace, user, note, token };
  });
  process.stdout.write(
    `Workspace: ${out.workspace.name}\nUser: ${out.user.email} (${out.user.role}, ${out.note})\n` +
      `Token id: ${out.token.id}\nToken (shown once):\n${out.token.token}\n`,
  );
}

async function chooseWorkspace(sql: Db, email: string, name: string | undefined, defaultName: string): Promise<Workspace> {
  if (name) return (await findWorkspaceByName(sql, name)) ?? createWorkspace(sql, name);
  const existing = await usersByEmail(sql, email);
  if (existing.length > 1) throw new UsageError(`${email} is in several workspaces: pass --workspace NAME`);
  if (existing[0]) {
    const [w] = await sql<Workspace[]>`select id, name from workspaces where id = ${existing[0].workspaceId}`;
    if (w) return w;
  }
  return (await firstWorkspace(sql)) ?? createWorkspace(sql, defaultName);
}

async function list(sql: Sql) {
  const rows = await listApiTokens(sql);
  if (rows.length === 0) {
    process.stdout.write('No tokens.\n');
    return;
  }
  const date = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '-');
  const table = [
    ['ID', 'EMAIL', 'ROLE', 'WORKSPACE', 'LABEL', 'CREATED', 'LAST USED', 'STATUS'],
    ...rows.map((r) => [r.id, r.email, r.role, r.workspace, r.label, date(r.createdAt), date(r.lastUsedAt), r.revokedAt ? 'revoked' : 'active']),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table)
    process.stdout.write(
      `${row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
}

async function revoke(sql: Sql, id: string) {
  const done = await revokeApiToken(sql, id);
  if (!done) throw new UsageError(`no active token with id ${id}`);
  process.stdout.write(`Revoked ${id}\n`);
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof UsageError || e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`beacon: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
