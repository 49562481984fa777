import type { Sql } from '../db/connect.ts';
import type { Logger } from '../log.ts';
import { NOTIFY_CHANNEL, type Envelope, type Hub } from './hub.ts';

/** Every collector on one Postgres hears every collector's new events (the writer NOTIFYs in its transaction). */
export async function listenForEvents(sql: Sql, hub: Hub, log: Logger): Promise<() => Promise<void>> {
  const { unlisten } = await sql.listen(NOTIFY_CHANNEL, (payload) => {
    try {
      hub.publish(JSON.parse(payload) as Envelope[]);
    } catch (e) {
      log.warn('ignored a malformed event notification', e);
    }
  });
  return unlisten;
}
