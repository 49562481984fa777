import { describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.ts';
import { REPO_ROOT, runToEnd } from './support/process.ts';

/** `pnpm beacon ARGS` from the repository's root, as the README has people run it. */
const pnpmBeacon = (args: string[], env: Record<string, string> = {}) => runToEnd(['pnpm', 'beacon', ...args], REPO_ROOT, env);

const PACKAGE_MANAGER_NOISE = /ELIFECYCLE|ERR_PNPM|Command failed|^\$ /m;

describe('`pnpm beacon` exit codes (README: 0 done, 1 failed, 2 usage error)', () => {
  it('exits 2 on a usage error with the usage and nothing from pnpm', async () => {
    for (const args of [['tokens'], ['token', 'create', '--emial', 'a@example.com', '--role', 'rep'], ['token', 'create', '--email']]) {
      const r = await pnpmBeacon(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage:');
      expect(r.stdout + r.stderr).not.toMatch(PACKAGE_MANAGER_NOISE);
    }
  }, 60_000);

  it('exits 0 for --help, the usage on stdout', async () => {
    const r = await pnpmBeacon(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pnpm beacon token create');
    expect(r.stderr).toBe('');
  }, 60_000);

  it('exits 1 with one line naming the failure when the database cannot be reached', async () => {
    const closed = await freePort(); // nothing listens there
    const r = await pnpmBeacon(['token', 'list'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/beacon` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^beacon: .*ECONNREFUSED.*\n$/);
    expect(r.stdout + r.stderr).not.toMatch(PACKAGE_MANAGER_NOISE);
  }, 60_000);
});
