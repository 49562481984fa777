import type { Clock } from './clock.ts';
import type { Sql } from './db/connect.ts';
import type { Config } from './env.ts';
import type { EventPipeline } from './events/pipeline.ts';
import type { Logger } from './log.ts';
import type { Preparer } from './messages/preparer.ts';
import type { Hub } from './stream/hub.ts';
import type { TokenSigner } from './track/token.ts';

/** Everything the routes need, passed in explicitly so tests build the app on a real database with their own clock. */
export interface AppDeps {
  sql: Sql;
  config: Config;
  clock: Clock;
  log: Logger;
  signer: TokenSigner;
  events: Pick<EventPipeline, 'record' | 'flush' | 'stats'>;
  hub: Hub;
  /** Parses and rewrites a message to register, off the request thread. */
  preparer: Pick<Preparer, 'prepare'>;
  /** Registers interest in a workspace's events with the other collectors before a stream starts. */
  watch(workspaceId: string): Promise<void>;
}
