import { execFile, execSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { envFile, envOf, execForm, lastStage, runLines, serviceSection } from './support/deploy-files.ts';
import { freePort } from './support/free-port.ts';
import { hitsThenSigterm, killGroup, REPO_ROOT, spawnCommand, startArgs } from './support/process.ts';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const DOCKERFILE = read('Dockerfile');
const UNIT = read('deploy/beacon-collector.service');
const NOBODY = { uid: 65534, gid: 65534 }; // the image's USER and the unit's User are unprivileged too
const asRoot = process.getuid?.() === 0; // only root can start a process as another user

// Images cannot be built or pulled here, so the image's build stage is replayed: its RUN line that builds and
// deploys the collector, into a directory that stands for the image's /app.
let tree: string;
beforeAll(() => {
  tree = mkdtempSync(join(tmpdir(), 'beacon-image-'));
  chmodSync(tree, 0o755);
  const deploy = runLines(DOCKERFILE).find((l) => / deploy /.test(l));
  if (!deploy) throw new Error('the Dockerfile has no `pnpm deploy` line');
  execSync(deploy.replaceAll('/out', tree), { cwd: REPO_ROOT, stdio: 'pipe' });
}, 120_000);
afterAll(() => rmSync(tree, { recursive: true, force: true }));

/** A fresh data directory the unprivileged user owns, as the image's volume and the unit's StateDirectory are. */
async function dataDirFor(): Promise<TestDatabase> {
  const db = await createTestDatabase('pglite');
  if (asRoot) execSync(`chown -R ${NOBODY.uid}:${NOBODY.gid} ${db.dataDir}`);
  return db;
}

describe('the container (its CMD, ENV, USER and HEALTHCHECK, run on the tree its build stage makes)', () => {
  const stage = lastStage(DOCKERFILE);
  const one = (name: string) => stage.find((i) => i.name === name)?.args ?? '';
  const env = envOf(stage);

  it('holds the built collector only, runs it as a non-root user, with the data directory as a volume', () => {
    expect(one('COPY')).toBe('--from=build /out ./');
    expect(
      readdirSync(tree)
        .filter((f) => !f.startsWith('.') && !f.startsWith('pnpm-'))
        .sort(),
    ).toEqual(['bin', 'dist', 'migrations', 'node_modules', 'package.json']);
    expect(existsSync(join(tree, 'node_modules/tsx'))).toBe(false); // a dev dependency
    expect(one('USER')).toMatch(/^(?!root$|0$)\w+/);
    expect(one('VOLUME')).toBe(env.BEACON_DATA_DIR);
    expect(execForm(one('CMD'))).toEqual(['node', ...startArgs()]); // what `pnpm collector` runs
  });

  it('is healthy while it runs, has the CLI (`beacon`), and its SIGTERM ends in the clean shutdown', async () => {
    const db = await dataDirFor();
    const containerEnv = { ...env, BEACON_DATA_DIR: db.dataDir, PORT: String(await freePort()) };
    const user = asRoot ? NOBODY : {};
    const p = await spawnCommand(execForm(one('CMD')), tree, containerEnv, { ...user, detached: true });
    const [probe, ...probeArgs] = execForm(one('HEALTHCHECK'));
    const healthy = () =>
      promisify(execFile)(probe!, probeArgs, { cwd: tree, env: { ...process.env, ...containerEnv }, ...user }).then(
        () => true,
        () => false,
      );
    try {
      expect(await healthy()).toBe(true);
      // `docker compose exec collector beacon …`: the image links bin/beacon.js as `beacon`.
      expect(one('RUN')).toContain('ln -s /app/bin/beacon.js /usr/local/bin/beacon');
      const cli = await promisify(execFile)(join(tree, 'bin/beacon.js'), ['token', 'list'], {
        cwd: tree,
        env: { PATH: process.env.PATH, ...containerEnv },
        ...user,
      });
      expect(cli.stdout).toMatch(/admin@example\.com\s+admin/);
      expect(await hitsThenSigterm(p, 30, db.dataDir)).toEqual({ code: 0, stillListening: false, stored: 30 });
      expect(await healthy()).toBe(false);
    } finally {
      killGroup(p.child.pid!);
      await db.drop();
    }
  }, 120_000);
});

// systemd cannot run here (no systemd as PID 1): the unit is checked by systemd-analyze, and its ExecStart is run
// the way systemd runs it (its user, working directory and environment file) and stopped the way systemd stops it.
describe('the systemd unit', () => {
  const service = serviceSection(UNIT);
  const one = (key: string) => service.get(key)?.[0] ?? '';
  const installDir = one('WorkingDirectory');

  it.runIf(existsSync('/usr/bin/systemd-analyze'))('passes systemd-analyze verify', async () => {
    const { stderr } = await promisify(execFile)('systemd-analyze', ['verify', join(REPO_ROOT, 'deploy/beacon-collector.service')]);
    expect(stderr).toBe('');
  });

  it('gives the shutdown more time than the collector takes, and does not restart on a configuration error', () => {
    expect(Number(one('TimeoutStopSec'))).toBeGreaterThan(10); // BEACON_SHUTDOWN_TIMEOUT_SECONDS' default
    expect(one('KillSignal') || 'SIGTERM').toBe('SIGTERM');
    expect(one('RestartPreventExitStatus')).toBe('2');
  });

  it('its ExecStart stops cleanly on SIGTERM, every hit written', async () => {
    const db = await dataDirFor();
    const fileEnv = envFile(read('deploy/collector.env')); // the unit's EnvironmentFile, as shipped
    const unitEnv = { ...fileEnv, BEACON_DATA_DIR: db.dataDir, PORT: String(await freePort()) };
    const command = one('ExecStart')
      .split(/\s+/)
      .map((arg) => arg.replace(installDir, tree));
    const p = await spawnCommand(command, tree, unitEnv, { ...(asRoot ? NOBODY : {}), detached: true });
    try {
      expect(await hitsThenSigterm(p, 30, db.dataDir)).toEqual({ code: 0, stillListening: false, stored: 30 });
    } finally {
      killGroup(p.child.pid!);
      await db.drop();
    }
  }, 120_000);
});
