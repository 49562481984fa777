import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeSchema } from '@beacon/shared/api/me';
import { describe, expect, it } from 'vitest';
import { PIXEL_GIF } from '../src/ingest/1-http-pixel-gif.ts';
import { createTestDatabase } from './support/database.ts';
import { COLLECTOR_ROOT, runCli, runToEnd, spawnCollector, startArgs, storedEvents } from './support/process.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const lastLine = (s: string) => s.trim().split('\n').at(-1)!;

describe('the collector process and `pnpm beacon`, on the embedded database', () => {
  it('prints a sign-in token once, manages tokens from the CLI, and on SIGTERM writes every hit and exits 0', async () => {
    const db = await createTestDatabase('pglite');
    const env = { BEACON_DATA_DIR: db.dataDir, BEACON_SCANNER_WINDOW_SECONDS: '0' };
    const p = await spawnCollector(env);
    const admin = /shown only this once\):\n(bk_\S+)/.exec(p.stdout())?.[1] ?? '';
    expect(admin).toMatch(/^bk_/);
    const me = (token: string) => fetch(`${p.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });

    // The CLI reaches the running collector's database through its socket.
    const [created, usage] = await Promise.all([
      runCli(['token', 'create', '--email', 'Rep@Example.com', '--role', 'rep', '--workspace', 'Sales'], env),
      Promise.all(
        [
          ['token', 'create', '--email', 'nope', '--role', 'rep'],
          ['token', 'create', '--email', 'a@example.com', '--role', 'boss'],
          ['token', 'revoke', 'not-an-id'],
          ['tokens'],
        ].map((bad) => runCli(bad, env)),
      ),
    ]);
    for (const r of usage) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Usage');
    }
    expect(created.code).toBe(0);
    const token = lastLine(created.stdout);
    expect(token).toMatch(/^bk_[A-Za-z0-9_-]{43}$/);
    expect(MeSchema.parse(await (await me(token)).json())).toMatchObject({ user: { email: 'rep@example.com', role: 'rep' }, workspace: { name: 'Sales' } });
    const promoted = await runCli(['token', 'create', '--email', 'rep@example.com', '--role', 'manager'], env);
    expect(promoted.stdout).toContain('role changed from rep');
    expect(MeSchema.parse(await (await me(lastLine(promoted.stdout))).json()).workspace.name).toBe('Sales');
    const listed = await runCli(['token', 'list'], env);
    expect(listed.stdout).toMatch(/rep@example\.com\s+manager\s+Sales/);
    const id = /Token id: (\S+)/.exec(created.stdout)![1]!;
    expect((await runCli(['token', 'revoke', id], env)).code).toBe(0);
    expect((await me(token)).status).toBe(401);

    // Hits, then SIGTERM: every acknowledged hit is written before the process exits 0.
    const res = await fetch(`${p.url}/api/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'x', recipients: [{ email: 'a@example.com' }], html: '<a href="https://a.example/">a</a>' }),
    });
    const m = (await res.json()) as { id: string; pixelUrl: string };
    const pixel = p.url + new URL(m.pixelUrl).pathname;
    const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(pixel, { headers: { 'user-agent': UA } })));
    for (const a of answers) expect(Buffer.from(await a.arrayBuffer())).toEqual(PIXEL_GIF);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toContain('All events written');

    // Without a running collector the CLI opens the database itself; a later start prints no new token.
    const offline = await runCli(['token', 'create', '--email', 'later@example.com', '--role', 'admin'], env);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('Workspace: My workspace');
    const again = await spawnCollector(env);
    expect(again.stdout()).not.toContain('bk_');
    const later = await fetch(`${again.url}/api/me`, { headers: { authorization: `Bearer ${lastLine(offline.stdout)}` } });
    expect(later.status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);

    expect(await storedEvents(db.dataDir, m.id)).toBe(50);
    await db.drop();
  }, 150_000);

  it.runIf(existsSync('/proc/self/task'))(
    'runs the database writer and the message preparer at lower priorities than the thread answering requests',
    async () => {
      const db = await createTestDatabase('pglite');
      const p = await spawnCollector({ BEACON_DATA_DIR: db.dataDir });
      const pid = p.child.pid!;
      // Each thread's nice value: the 19th field of its stat line, counted after the parenthesized name.
      const niceOf = (tid: string) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
      const niced = async () => {
        for (let i = 0; i < 100; i++) {
          const tids = readdirSync(`/proc/${pid}/task`).filter((tid) => tid !== String(pid) && niceOf(tid) > 0);
          if (tids.length >= 2) return tids;
          await new Promise((r) => setTimeout(r, 100));
        }
        return [];
      };
      try {
        const lowered = await niced();
        expect(niceOf(String(pid))).toBe(0);
        expect(lowered.map(niceOf).sort((a, b) => a - b)).toEqual([10, 19]); // the prepare and write threads, nothing else
      } finally {
        p.child.kill('SIGTERM');
        expect(await p.exited).toBe(0);
        await db.drop();
      }
    },
    60_000,
  );

  it('refuses a bad configuration with exit code 2 and one log line naming each variable, never a secret', async () => {
    const secret = 'too-short-but-still-a-secret';
    const databaseUrl = 'mysql://beacon:hunter2-password@db.example/beacon';
    const bad = {
      BEACON_DATA_DIR: mkdtempSync(join(tmpdir(), 'beacon-bad-')),
      PORT: 'eighty',
      BEACON_RETENTION_DAYS: '-1',
      BEACON_SECRET: secret,
      DATABASE_URL: databaseUrl,
    };
    const { code, stderr } = await runToEnd([process.execPath, ...startArgs()], COLLECTOR_ROOT, bad);
    expect(code).toBe(2);
    const [line, ...rest] = stderr.trim().split('\n');
    expect(rest).toEqual([]);
    const entry = JSON.parse(line!) as { level: string; msg: string; variables: string[] };
    expect(entry.level).toBe('error');
    expect(entry.variables).toEqual(['PORT', 'DATABASE_URL', 'BEACON_SECRET', 'BEACON_RETENTION_DAYS']);
    expect(entry.msg).toContain('PORT="eighty"');
    expect(entry.msg).toMatch(/BEACON_SECRET \(value not shown\): must be at least 32 characters/);
    expect(stderr).not.toContain(secret);
    expect(stderr).not.toContain('hunter2');
  }, 60_000);
});
