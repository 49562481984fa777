import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const COLLECTOR_ROOT = fileURLToPath(new URL('../..', import.meta.url));

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
export async function spawnCollector(env: Record<string, string>): Promise<CollectorProcess> {
  const child = spawn(process.execPath, startArgs(), {
    cwd: COLLECTOR_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', BEACON_LOG: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
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
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/beacon.js', ...args], {
      cwd: COLLECTOR_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BEACON_LOG: 'warn', ...env },
    });
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
