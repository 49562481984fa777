import { startCollector } from './collector.ts';
import { ConfigError, loadConfig } from './env.ts';

/** Process entry: configuration, start, and a clean stop on SIGTERM/SIGINT (exit 0 once everything is written). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const collector = await startCollector(config);
  if (collector.bootstrapped) {
    const b = collector.bootstrapped;
    process.stdout.write(
      `First start: created workspace "${b.workspace}" and its admin ${b.email}.\n` +
        `Sign-in token for the extension (shown only this once):\n${b.token}\n`,
    );
  }
  process.stdout.write(`Beacon collector listening on ${collector.url} (public URL ${collector.deps.config.publicUrl})\n`);
  const shutdown = (signal: string) => {
    process.stderr.write(`${signal}: finishing requests and writing buffered events...\n`);
    collector.stop().then(
      ({ flushed }) => {
        process.stderr.write(flushed ? 'All events written. Bye.\n' : 'Stopped; unwritten events stay in the spool.\n');
        process.exit(0);
      },
      (e) => {
        process.stderr.write(`shutdown failed: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e) => {
  process.stderr.write(`Beacon collector failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
