import { expect, it } from 'vitest';
import { createTestDatabase } from './support/database.ts';
import { hitsThenSigterm, killGroup, REPO_ROOT, spawnCommand } from './support/process.ts';

// The README's command, run as a person runs it: pnpm starts pnpm, which starts node. A service manager or a
// terminal signals the first process; the collector must get the signal, write every hit and free its port.
// (`pnpm start`, which also builds the extension: tests/start/pnpm-start.test.ts.)
it('a SIGTERM to `pnpm collector` reaches the collector, which writes every acknowledged hit, frees its port and exits 0', async () => {
  const db = await createTestDatabase('pglite');
  // A group of its own, so a failure here cannot leave an orphaned collector behind (see finally).
  const p = await spawnCommand(['pnpm', 'collector'], REPO_ROOT, { BEACON_DATA_DIR: db.dataDir, BEACON_SCANNER_WINDOW_SECONDS: '0' }, { detached: true });
  try {
    expect(await hitsThenSigterm(p, 30, db.dataDir)).toEqual({ code: 0, stillListening: false, stored: 30 });
    expect(p.stderr()).toContain('All events written');
  } finally {
    killGroup(p.child.pid!);
    await db.drop();
  }
}, 120_000);
