import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

export const COLLECTOR_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const REPO_ROOT = join(COLLECTOR_ROOT, '..');

/** Node's arguments in `pnpm collector` (the package's start script, `exec node ARGS`), for starting it the same way. */
export function startArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(COLLECTOR_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [exec, node, ...args] = scripts.start.split(/\s+/);
  if (exec !== 'exec' || node !== 'node') throw new Error(`the collector's start script is not "exec node ...": ${scripts.start}`);
  return args;
}

export interface CollectorProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** The real collector process (the build's `dist/index.js`), as `pnpm collector` runs it; resolves once it listens. */
export function spawnCollector(env: Record<string, string>): Promise<CollectorProcess> {
  return spawnCommand([process.execPath, ...startArgs()], COLLECTOR_ROOT, env);
}

/**
 * The collector as some command starts it (`pnpm start`, the container's CMD, a systemd unit's ExecStart); `child`
 * is the process that command starts, the one a service manager signals. Resolves once the collector listens.
 */
export async function spawnCommand(
  [command, ...args]: string[],
  cwd: string,
  env: Record<string, string>,
  opts: { uid?: number; gid?: number; detached?: boolean } = {},
): Promise<CollectorProcess> {
  const child = spawn(command!, args, {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', BEACON_LOG: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...opts,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`collector did not start:\n${out}\n${err}`)), 60_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(t);
      reject(new Error(`collector exited early:\n${out}\n${err}`));
    });
  });
  return { child, url, stdout: () => out, stderr: () => err, exited };
}

/** Runs the CLI (`pnpm beacon ...`: the package's bin, on the build) to completion. */
export function runCli(args: string[], env: Record<string, string>): Promise<Finished> {
  return runToEnd([process.execPath, 'bin/beacon.js', ...args], COLLECTOR_ROOT, { BEACON_LOG: 'warn', ...env });
}

export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion with only PATH and HOME from this environment, plus `env`. */
export function runToEnd([command, ...args]: string[], cwd: string, env: Record<string, string> = {}): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command!, args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr })); // 'close': all output read
  });
}

/** The admin's sign-in token a first start prints (the line after "shown only this once"), or ''. */
export const firstStartToken = (p: CollectorProcess): string => /shown only this once\):\n(bk_\S+)/.exec(p.stdout())?.[1] ?? '';

/** Registers a one-recipient message over the API; its pixel and first link's URLs are rewritten to `p.url`. */
export async function registerMessage(p: CollectorProcess, token: string, html: string): Promise<{ id: string; pixel: string; click: string }> {
  const res = await fetch(`${p.url}/api/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'Outage', recipients: [{ email: 'ann@example.com' }], html }),
  });
  if (res.status !== 201) throw new Error(`registering the message: ${res.status} ${await res.text()}`);
  const m = (await res.json()) as { id: string; pixelUrl: string; links: { trackedUrl: string }[] };
  const local = (u: string) => p.url + new URL(u).pathname + new URL(u).search;
  return { id: m.id, pixel: local(m.pixelUrl), click: local(m.links[0]!.trackedUrl) };
}

/**
 * Registers a message, fetches its pixel `hits` times, then sends SIGTERM to `p.child` (whatever started the collector)
 * and waits for it to exit. Resolves with the exit code, whether the collector still answers on its port, and how
 * many of the hits its embedded database in `dataDir` holds.
 */
export async function hitsThenSigterm(
  p: CollectorProcess,
  hits: number,
  dataDir: string,
): Promise<{ code: number | string; stillListening: boolean; stored: number }> {
  const m = await registerMessage(p, firstStartToken(p), '<p>Hi <a href="https://a.example/">a</a></p>');
  const answers = await Promise.all(Array.from({ length: hits }, () => fetch(m.pixel, { headers: { 'user-agent': 'Mozilla/5.0 (X11) Firefox/128.0' } })));
  if (answers.some((a) => a.status !== 200)) throw new Error('a pixel was not served');
  p.child.kill('SIGTERM');
  const code = await p.exited;
  const stillListening = await fetch(`${p.url}/api/health`).then(
    () => true,
    () => false,
  );
  return { code, stillListening, stored: await storedEvents(dataDir, m.id) };
}

/** Events of a message in an embedded database, read once the collector that wrote them has exited. */
export async function storedEvents(dataDir: string, messageId: string): Promise<number> {
  const pg = await PGlite.create(join(dataDir, 'pgdata'));
  try {
    const { rows } = await pg.query<{ n: number }>('select count(*)::int as n from events where message_id = $1', [messageId]);
    return rows[0]!.n;
  } finally {
    await pg.close();
  }
}

/** SIGKILL to what is left of a process group started with `detached: true` (nothing, when the test passed). */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone.
  }
}
