// Appends lines to a spool, lets "the database" take the first chunk, then dies without closing (kill -9 style).
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSpool } from '../../src/ingest/2-spool.ts';

const [dir, count, torn] = process.argv.slice(2) as [string, string, string];
const spool = await openSpool(dir);
for (let i = 0; i < Number(count); i++) {
  await new Promise<void>((resolve, reject) => spool.append(`event ${i}`, (e) => (e ? reject(e) : resolve())));
}
const chunk = await spool.read(30);
await spool.commit(chunk!.end);
if (torn) appendFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.log'))!), torn);
process.kill(process.pid, 'SIGKILL');
