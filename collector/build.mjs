// Builds the collector to plain JavaScript in dist/: the process entry, the CLI and the write thread (a worker
// needs a file of its own). Our code and @beacon/shared are bundled; packages stay in node_modules as installed,
// since PGlite loads its WebAssembly from beside its own files and postgres.js carries our patch.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const here = new URL('.', import.meta.url);
const { dependencies } = JSON.parse(readFileSync(new URL('package.json', here), 'utf8'));

await build({
  absWorkingDir: here.pathname,
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts', 'write-thread': 'src/events/write-thread.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(dependencies),
  logLevel: 'warning',
});
