import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { notPermissive, productionLicences } from './support/licences.ts';
import { REPO_ROOT } from './support/process.ts';

const probes: string[] = [];
afterAll(() => {
  for (const d of probes) rmSync(d, { recursive: true, force: true });
});

/** A project installed by pnpm (offline: its dependencies are local packages) with the licences given. */
function probeProject(prod: Record<string, string>, dev: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-licences-'));
  probes.push(dir);
  const deps = (licences: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(licences).map(([name, license]) => {
        mkdirSync(join(dir, 'vendor', name), { recursive: true });
        writeFileSync(join(dir, 'vendor', name, 'package.json'), JSON.stringify({ name, version: '1.0.0', license }));
        return [name, `file:vendor/${name}`];
      }),
    );
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'probe', private: true, dependencies: deps(prod), devDependencies: deps(dev) }));
  execFileSync('pnpm', ['install', '--offline'], { cwd: dir, stdio: 'pipe' });
  return dir;
}

describe('licences', () => {
  it('Beacon is MIT-licensed', () => {
    expect(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).license).toBe('MIT');
  });

  it('every production dependency of every package is permissively licensed', async () => {
    const packages = await productionLicences(REPO_ROOT);
    expect(packages.map((p) => p.name)).toContain('hono'); // the list is the workspace's, not empty
    expect(notPermissive(packages)).toEqual([]);
  }, 60_000);

  it('the check fails on a copyleft or unknown production dependency, not on a dev one', async () => {
    const dir = probeProject(
      { 'agpl-lib': 'AGPL-3.0-or-later', 'gpl-or-mit': '(GPL-2.0 OR MIT)', 'mit-and-gpl': 'MIT AND GPL-3.0-only', 'no-licence': '' },
      { 'gpl-dev-tool': 'GPL-3.0-only' },
    );
    expect(existsSync(join(dir, 'node_modules/agpl-lib/package.json'))).toBe(true);
    const found = notPermissive(await productionLicences(dir)).map((p) => p.split('@')[0]);
    expect(found.sort()).toEqual(['agpl-lib', 'mit-and-gpl', 'no-licence']);
  }, 60_000);
});
