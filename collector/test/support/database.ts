import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; a Postgres server too when TEST_DATABASE_URL is set (as .ci/run does). */
export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  backend: Backend;
  /** Postgres: the fresh database's URL. PGlite: undefined (the collector opens `dataDir`). */
  url: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file: `beacon_test_<random>` on the server, or a fresh PGlite directory. */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'beacon-test-'));
  if (backend === 'pglite') {
    cpSync(await pgliteTemplate(), join(dataDir, 'pgdata'), { recursive: true });
    return { backend, url: undefined, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `beacon_test_${randomBytes(6).toString('hex')}`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  await sql.unsafe(`create database ${name}`);
  await sql.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    backend,
    url: url.toString(),
    dataDir,
    async drop() {
      const s = postgres(admin, { max: 1, onnotice: () => {} });
      await s.unsafe(`drop database if exists ${name} with (force)`);
      await s.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * An empty initdb'd PGlite directory, made once per machine and copied per test file: PGlite's initdb takes
 * seconds, a copy a fraction of one. Keyed by the PGlite version so an upgrade makes a new one.
 */
async function pgliteTemplate(): Promise<string> {
  const pkg = readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8');
  const key = createHash('sha256').update(pkg).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `beacon-pglite-template-${key}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const building = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const db = await PGlite.create(building);
  await db.close();
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another worker made it first
  }
  if (!readdirSync(dir).includes('PG_VERSION')) throw new Error(`PGlite template ${dir} is incomplete`);
  return dir;
}
