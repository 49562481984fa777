import { execFileSync } from 'node:child_process';
import { COLLECTOR_ROOT } from './process.ts';

/** vitest's globalSetup: tests start the collector from its build, and in-process ones use its write thread. */
export default function buildCollector(): void {
  execFileSync(process.execPath, ['build.mjs'], { cwd: COLLECTOR_ROOT, stdio: 'inherit' });
}
