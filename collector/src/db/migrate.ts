import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PACKAGE_DIR } from '../package-dir.ts';
import type { Sql, Tx } from './connect.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('migrations/', PACKAGE_DIR));
/** Held while migrating, so collectors starting together apply each migration once. */
const MIGRATION_LOCK = 4_207_310_001;

export interface MigrateOptions {
  dir?: string;
  /** Runs under the same lock and transaction, after the migrations (first-start setup). */
  afterwards?: (tx: Tx) => Promise<void>;
}

/**
 * Applies `NNNNN_name.sql` files not yet recorded in schema_migrations, in order, forward only, in one transaction.
 * Migrations are append-only: a database that recorded a migration under another name (one made before the
 * baseline of 00001) is refused rather than half-migrated.
 */
export async function migrate(sql: Sql, opts: MigrateOptions = {}): Promise<string[]> {
  const files = migrationFiles(opts.dir ?? MIGRATIONS_DIR);
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`;
    const recorded = await tx<{ version: number; name: string }[]>`select version, name from schema_migrations order by version`;
    const names = new Map(files.map((f) => [f.version, f.name]));
    const alien = recorded.find((r) => names.get(r.version) !== r.name);
    if (alien)
      throw new Error(
        `The database records migration ${alien.name}, which is not in ${opts.dir ?? MIGRATIONS_DIR}: it predates this schema; create a new database`,
      );
    const done = new Set(recorded.map((r) => r.version));
    const applied: string[] = [];
    for (const f of files) {
      if (done.has(f.version)) continue;
      await tx.unsafe(readFileSync(f.path, 'utf8')).simple();
      await tx`insert into schema_migrations (version, name) values (${f.version}, ${f.name})`;
      applied.push(f.name);
    }
    await opts.afterwards?.(tx);
    return applied;
  });
}

interface MigrationFile {
  version: number;
  name: string;
  path: string;
}

function migrationFiles(dir: string): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((n) => /^\d{5}_[\w-]+\.sql$/.test(n))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 5)), name, path: `${dir}/${name}` }));
  const seen = new Set<number>();
  for (const f of files) {
    if (seen.has(f.version)) throw new Error(`Two migrations numbered ${f.version} in ${dir}`);
    seen.add(f.version);
  }
  return files;
}
