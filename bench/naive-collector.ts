import { createHmac, timingSafeEqual } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';

/**
 * bench/collector's second baseline: the tracking server a developer would write instead of Beacon's collector.
 * Hono on @hono/node-server, postgres.js, the token's signature checked, and one INSERT per hit awaited before the
 * answer (no spool, no batching), with the collector's default pool size. Run as
 * `node --import tsx naive-collector.ts PORT` with DATABASE_URL and NAIVE_SECRET set; prints "ready" once it listens.
 */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** `base64url(JSON).base64url(HMAC-SHA256 of the first part)`: message id and destination, signed. */
export function naiveToken(secret: string, body: { m: string; u: string }): string {
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

function verify(secret: string, token: string): { m: string; u: string } | null {
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return null;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as { m: string; u: string };
}

async function main(port: number): Promise<void> {
  const secret = process.env.NAIVE_SECRET!;
  const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
  await sql`create table if not exists naive_hits (
    id bigserial primary key, message_id text not null, kind text not null, at timestamptz not null default now(),
    ip text, user_agent text)`;
  const record = (messageId: string, kind: string, ip: string | undefined, ua: string | undefined) =>
    sql`insert into naive_hits (message_id, kind, ip, user_agent) values (${messageId}, ${kind}, ${ip ?? null}, ${ua ?? null})`;
  const ipOf = (env: unknown) => (env as { incoming: { socket: { remoteAddress?: string } } }).incoming.socket.remoteAddress;

  const app = new Hono();
  app.get('/o/:token', async (c) => {
    const t = verify(secret, c.req.param('token'));
    if (t) await record(t.m, 'open', ipOf(c.env), c.req.header('user-agent'));
    return c.body(GIF, 200, { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store, private' });
  });
  app.get('/c/:token', async (c) => {
    const t = verify(secret, c.req.param('token'));
    if (!t) return c.notFound();
    await record(t.m, 'click', ipOf(c.env), c.req.header('user-agent'));
    c.header('Cache-Control', 'no-store, private');
    return c.redirect(t.u, 302);
  });
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => process.stdout.write('ready\n'));
}

if (import.meta.url === `file://${process.argv[1]}`) await main(Number(process.argv[2]));
