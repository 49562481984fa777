import { startCollector } from './collector.ts';
import { type Config, ConfigError, loadConfig } from './env.ts';
import { createLogger } from './log.ts';

/** Process entry: configuration, start, and a clean stop on SIGTERM/SIGINT (exit 0 once everything is written). */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      createLogger('error').error(e.message, { variables: e.problems.map((p) => p.variable) });
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const collector = await startCollector(config, { log });
  if (collector.bootstrapped) {
    const b = collector.bootstrapped;
    process.stdout.write(
      `First start: created workspace "${b.workspace}" and its admin ${b.email}.\n` + `Sign-in token for the extension (shown only this once):\n${b.token}\n`,
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return; // a second signal changes nothing: the spool keeps whatever is not written yet
    stopping = true;
    log.info(`${signal}: finishing requests and writing buffered events`);
    collector.stop().then(
      ({ flushed }) => {
        log.info(flushed ? 'All events written. Bye.' : 'Stopped; unwritten events stay in the spool.');
        process.exit(0);
      },
      (e) => {
        log.error('shutdown failed', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Announced only once the signal handlers are in place, so whoever waits for this line may stop us at once.
  process.stdout.write(`Beacon collector listening on ${collector.url} (public URL ${collector.deps.config.publicUrl})\n`);
}

main().catch((e) => {
  createLogger('error').error(`Beacon collector failed to start: ${e instanceof Error ? e.message : String(e)}`, e);
  process.exit(1);
});
