import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Licences that let anyone host and change Beacon without sharing their own code (SPDX ids). */
const PERMISSIVE = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  '0BSD',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  'Unlicense',
  'CC0-1.0',
  'BlueOak-1.0.0',
  'Zlib',
  'Python-2.0',
  'CC-BY-4.0',
]);

export interface Package {
  name: string;
  versions: string[];
  license: string;
}

/** `pnpm licenses list --prod --json` in `dir`: the production dependencies of every package of its workspace. */
export async function productionLicences(dir: string): Promise<Package[]> {
  const { stdout } = await promisify(execFile)('pnpm', ['licenses', 'list', '--prod', '--json'], { cwd: dir, maxBuffer: 64 << 20 });
  if (!stdout.trim().startsWith('{')) return []; // "No licenses in packages found"
  return Object.values(JSON.parse(stdout) as Record<string, Package[]>).flat();
}

/**
 * Packages whose licence is not permissive: copyleft (GPL, AGPL, LGPL, MPL, SSPL, EUPL...) or unknown, as a
 * licence nobody checked may be either. An SPDX `A OR B` passes if one side does, `A AND B` only if both do.
 */
export function notPermissive(packages: Package[]): string[] {
  return packages.filter((p) => !permits(p.license)).map((p) => `${p.name}@${p.versions.join(',')}: ${p.license}`);
}

function permits(expression: string): boolean {
  const e = expression.replace(/[()]/g, '').trim();
  if (/ OR /i.test(e)) return e.split(/ OR /i).some(permits);
  if (/ AND /i.test(e)) return e.split(/ AND /i).every(permits);
  return PERMISSIVE.has(e);
}
