#!/usr/bin/env node
// `pnpm beacon` (and `beacon` in the container): the CLI from the build. pnpm runs this bin directly when no script
// has the name, so a failure ends with the CLI's own exit code and message, not the package manager's.
try {
  await import('../dist/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/cli.js')) throw e;
  process.stderr.write('beacon: the collector is not built yet; run `pnpm --filter @beacon/collector build` (pnpm start does it)\n');
  process.exit(1);
}
