import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase } from '@beacon/collector/test/support/database.ts';
import { hitsThenSigterm, killGroup, REPO_ROOT, spawnCommand } from '@beacon/collector/test/support/process.ts';
import { expect, it } from 'vitest';

// The README's set-up command, as a person runs it (here, where no browser test runs beside it: it rebuilds the
// extension). A SIGTERM to `pnpm` (a terminal's or a service manager's) must reach the collector two pnpm
// processes below it; collector/test/signals.test.ts does the same for `pnpm collector`.
it('`pnpm start` builds the extension, runs the collector, and a SIGTERM to it ends in the clean shutdown', async () => {
  const db = await createTestDatabase('pglite');
  const started = Date.now();
  const p = await spawnCommand(['pnpm', 'start'], REPO_ROOT, { BEACON_DATA_DIR: db.dataDir, BEACON_SCANNER_WINDOW_SECONDS: '0' }, { detached: true });
  try {
    expect(statSync(join(REPO_ROOT, 'extension/.output/chrome-mv3/manifest.json')).mtimeMs).toBeGreaterThanOrEqual(started - 1000); // built just now
    expect(await hitsThenSigterm(p, 30, db.dataDir)).toEqual({ code: 0, stillListening: false, stored: 30 });
    expect(p.stderr()).toContain('All events written');
  } finally {
    killGroup(p.child.pid!); // nothing left when it passed; an orphaned collector when it did not
    await db.drop();
  }
}, 120_000);
