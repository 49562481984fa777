import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.ts';
import { truncateIp } from '../track/ip.ts';

const TRACKING = /^\/[ocmu]\//;

/**
 * BEACON_ACCESS_LOG: a line per request to the routes in recipients' mail (pixel, redirect, mirror, unsubscribe),
 * once answered. Off by default: at a pixel's rate the line costs more than the hit. The query is left out (an
 * ESP's merge values, e.g. addresses, travel there) and the address is cut to its network, as in the events.
 */
export function createAccessLog(log: Logger, trustProxy: boolean): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? '';
    if (!TRACKING.test(url)) return;
    const start = performance.now();
    res.once('finish', () => {
      const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]!.trim() : '';
      log.info('access', {
        method: req.method,
        path: url.split('?')[0],
        status: res.statusCode,
        ms: Math.round((performance.now() - start) * 100) / 100,
        ip: truncateIp(forwarded || req.socket.remoteAddress),
        ua: req.headers['user-agent'] ?? '',
      });
    });
  };
}
