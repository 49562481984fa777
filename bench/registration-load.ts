import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@beacon/collector/test/support/free-port.ts';
import { COLLECTOR_ROOT, startArgs } from '@beacon/collector/test/support/process.ts';
import { waitForLine, wrk } from './collector.ts';
import type { BenchRow } from './table.ts';

/**
 * bench/registration-load (issue 17, finding 6): the pixel's latency while the API is fed the registrations that
 * used to stall it — a 4.8 MB href of `%%[`, 50,000 links, a 5 MB newsletter with 2,000 links, a link that grows
 * nine-fold once percent-encoded — four at a time, against the same paced pixel load without them, in one run.
 * Also how long /api/health takes to answer meanwhile. The collector runs on its embedded database, as started by
 * `pnpm collector`. Env: BENCH_SECONDS per phase (default 10).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 64;
const GAP_MS = 32; // per connection: ~2,000 pixels a second in all
const POSTERS = 4;
const P99_TARGET_MS = 50;

const link = (url: string, i = 0) => `<p>Paragraph ${i} of the newsletter, with a few words around its link.</p><a href="${url}">Link ${i}</a>`;
const BODIES: Record<string, { html: string; expect: number }> = {
  '4.8 MB href of %%[': { html: link(`https://x.example/${'%%['.repeat(1_600_000)}`), expect: 400 },
  // Short links, so the body stays under the API's 5 MiB and it is the link count that is refused.
  '50,000 links': { html: Array.from({ length: 50_000 }, (_, i) => `<a href="https://x.example/${i}">${i}</a>`).join(' '), expect: 413 },
  '5 MB newsletter, 2,000 links': {
    html: Array.from(
      { length: 2000 },
      (_, i) => `${link(`https://shop.example/p/${i}?utm_source=news&utm_campaign=*|CAMPAIGN|*`, i)}<p>${'lorem ipsum '.repeat(180)}</p>`,
    ).join(''),
    expect: 201,
  },
  'CJK link, 9x once encoded': { html: link(`https://shop.example/${'日'.repeat(1000)}`), expect: 400 },
};

export async function benchRegistrationLoad(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'beacon-bench-reg-'));
  const port = await freePort();
  const collector = spawn(process.execPath, startArgs(), {
    cwd: COLLECTOR_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: process.env.REG_DB ?? '',
      BEACON_DATA_DIR: dataDir,
      BEACON_LOG: 'error',
      BEACON_RATE_LIMIT_PER_MINUTE: '1000000',
      BEACON_RATE_LIMIT_BURST: '1000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const out = await waitForLine(collector, /listening on/);
    const token = /shown only this once\):\n(bk_\S+)/.exec(out)![1]!;
    const base = `http://127.0.0.1:${port}`;
    const bodies = Object.entries(BODIES).map(([name, b]) => ({
      name,
      expect: b.expect,
      body: Buffer.from(JSON.stringify({ subject: 'Load', recipients: [{ email: 'load@example.com' }], html: b.html })),
    }));
    const first = await post(base, token, bodies[2]!.body);
    const pixel = `${base}${new URL(((await first.json()) as { pixelUrl: string }).pixelUrl).pathname}`;

    await wrk(pixel, 2, CONNECTIONS, GAP_MS); // warm-up
    const quiet = await wrk(pixel, SECONDS, CONNECTIONS, GAP_MS);
    let stop = false;
    const done = new Map<string, { n: number; wrong: number; ms: number[] }>(bodies.map((b) => [b.name, { n: 0, wrong: 0, ms: [] }]));
    const health: number[] = [];
    const posters = Array.from({ length: POSTERS }, async (_, p) => {
      for (let i = p; !stop; i++) {
        const b = bodies[i % bodies.length]!;
        const started = performance.now();
        const status = await post(base, token, b.body).then(
          async (res) => {
            await res.arrayBuffer();
            return res.status;
          },
          () => 0, // a connection the collector dropped: counted as a wrong answer
        );
        const d = done.get(b.name)!;
        d.n++;
        d.ms.push(performance.now() - started);
        if (status !== b.expect) d.wrong++;
      }
    });
    const healthPoller = (async () => {
      while (!stop) {
        const started = performance.now();
        await (await fetch(`${base}/api/health`)).arrayBuffer();
        health.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const loaded = await wrk(pixel, SECONDS, CONNECTIONS, GAP_MS);
    stop = true;
    await Promise.all([...posters, healthPoller]);

    const rows: BenchRow[] = [
      row('pixel p50 ms, paced ~2k/s', loaded.p50.toFixed(2), quiet.p50.toFixed(2), '', 'with / without registrations', null),
      row(
        'pixel p99 ms, paced ~2k/s',
        loaded.p99.toFixed(2),
        quiet.p99.toFixed(2),
        (loaded.p99 / quiet.p99).toFixed(1),
        `≤ ${P99_TARGET_MS} while fed`,
        loaded.p99 <= P99_TARGET_MS,
      ),
      row('pixel errors', String(loaded.errors), String(quiet.errors), '', '0', loaded.errors === 0 && quiet.errors === 0),
      row('/api/health max ms while fed', Math.max(...health).toFixed(0), '', '', `${health.length} polls`, null),
    ];
    for (const [name, d] of done) {
      const ms = [...d.ms].sort((a, b) => a - b);
      const expect = BODIES[name]!.expect;
      rows.push(
        row(
          `POST ${name}: answered ${expect}`,
          `${d.n - d.wrong} of ${d.n}`,
          '',
          '',
          `median ${(ms[ms.length >> 1] ?? 0).toFixed(0)} ms`,
          d.n > 0 && d.wrong === 0,
        ),
      );
    }
    return rows;
  } finally {
    collector.kill('SIGTERM');
    await new Promise((r) => collector.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function post(base: string, token: string, body: Buffer): Promise<Response> {
  return fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: new Uint8Array(body),
  });
}

function row(metric: string, value: string, baseline: string, ratio: string, target: string, pass: boolean | null): BenchRow {
  return { bench: 'registration-load', metric, value, baseline, ratio, target, pass };
}
