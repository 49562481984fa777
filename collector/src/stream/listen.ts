import type { Sql } from '../db/connect.ts';
import type { Logger } from '../log.ts';
import { NOTIFY_CHANNEL, type Envelope, type Hub } from './hub.ts';

/**
 * Every collector on one Postgres hears the other collectors' new events for the workspaces someone watches (the
 * writer NOTIFYs them in its transaction); its own it has already published in-process.
 */
export async function listenForEvents(sql: Sql, origin: string, hub: Hub, log: Logger): Promise<() => Promise<void>> {
  const { unlisten } = await sql.listen(NOTIFY_CHANNEL, (payload) => {
    try {
      const message = JSON.parse(payload) as { o: string; e: Envelope[] };
      if (message.o !== origin) hub.publish(message.e);
    } catch (e) {
      log.warn('ignored a malformed event notification', e);
    }
  });
  return unlisten;
}
