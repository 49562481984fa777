// Builds the collector to plain JavaScript in dist/: the process entry, the CLI and the threads (the write thread,
// the prepare thread, the embedded database's thread: a worker needs a file of its own). Our code and
// @beacon/shared are bundled; packages stay in node_modules as installed, since PGlite loads its WebAssembly from
// beside its own files and postgres.js carries our patch.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

const here = new URL('.', import.meta.url);
const { dependencies } = JSON.parse(readFileSync(new URL('package.json', here), 'utf8'));

const { outputFiles } = await build({
  absWorkingDir: here.pathname,
  entryPoints: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'write-thread': 'src/events/write-thread.ts',
    'prepare-thread': 'src/messages/prepare-thread.ts',
    'pglite-thread': 'src/db/pglite-thread.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(dependencies),
  logLevel: 'warning',
  write: false,
});
// A file is replaced only when it changed, and whole (renamed into place): collectors started from dist/ while
// another build runs (tests in parallel, `pnpm collector` twice) never read half a file.
for (const file of outputFiles) {
  if (readOr(file.path) === file.text) continue;
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(`${file.path}.${process.pid}`, file.contents);
  renameSync(`${file.path}.${process.pid}`, file.path);
}

function readOr(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
