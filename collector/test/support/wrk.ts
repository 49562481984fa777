import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The `wrk` on PATH, or null when it is not installed (CI installs it; tests needing it skip without it). */
export function wrkPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * What one wrk run saw. `sent` and `acked` count only the tracked requests (the pixel or the redirect under
 * test); `drained` counts the answers to the harmless requests of the final drain window (see WRK_SCRIPT).
 */
export interface WrkResult {
  kind: 'pixel' | 'redirect';
  /** Tracked requests written to a socket. */
  sent: number;
  /** Tracked requests answered exactly right: 200 + image/gif + the GIF's bytes, or 302 + the expected Location. */
  acked: number;
  /** Drain-window requests answered 200 application/json. */
  drained: number;
  /** Answers that were neither (wrong status, type, body or Location). */
  wrong: number;
  /** Every answer by HTTP status. */
  statuses: Record<string, number>;
  /** wrk's own counters (its summary table). */
  requests: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  latencyMs: { p50: number; p99: number; max: number };
  /** From wrk's printed report: "N requests in", "Non-2xx or 3xx responses: N", "Socket errors: ...". */
  printed: { requests: number; non2xx3xx: number; socketErrors: number };
  stdout: string;
}

/**
 * One wrk thread's Lua. Each answer is checked in `response()` (wrk itself counts any 3xx as a success, so a
 * redirect to the wrong place would pass unnoticed): args are the kind, the expected Location (redirect) or the
 * GIF in hex (pixel), the seconds after which to drain, and the drain path.
 *
 * Drain: wrk stops mid-flight, abandoning up to one request per connection that the server may well have
 * recorded, so "answered = stored" could not be exact. From `drainAfter` seconds on, every connection asks for
 * the drain path (a page that records nothing) instead. A connection sends its next request only once the
 * previous one is answered (no pipelining), so when every tracked request sent has been answered
 * (`sent == acked`), none was in flight when wrk stopped, and the events stored must equal `acked` exactly.
 */
export const WRK_SCRIPT = String.raw`
sent, acked, drained, wrong, statuses = 0, 0, 0, 0, {}
local kind, expected, drain_after, tracked_req, drain_req, t0
-- wrk calls request() once on its first thread before the run, to check it (script_verify_request): not sent.
local verified = false

wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"

function init(args)
  kind, expected, drain_after = args[1], args[2], tonumber(args[3])
  if kind == "pixel" then
    expected = expected:gsub("..", function(h) return string.char(tonumber(h, 16)) end)
  end
  tracked_req = wrk.format("GET", wrk.path)
  drain_req = wrk.format("GET", args[4])
  t0 = os.time()
end

function request()
  if not verified then
    verified = true
    return tracked_req
  end
  if os.time() - t0 >= drain_after then return drain_req end
  sent = sent + 1
  return tracked_req
end

local function header(headers, name)
  for k, v in pairs(headers) do
    if string.lower(k) == name then return v end
  end
  return nil
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local ctype = header(headers, "content-type") or ""
  if kind == "pixel" and status == 200 and ctype == "image/gif" and body == expected then
    acked = acked + 1
  elseif kind == "redirect" and status == 302 and header(headers, "location") == expected then
    acked = acked + 1
  elseif status == 200 and ctype:find("^application/json") then
    drained = drained + 1
  else
    wrong = wrong + 1
  end
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

function done(summary, latency, requests)
  local s, a, d, w, st = 0, 0, 0, 0, {}
  for _, t in ipairs(threads) do
    s, a, d, w = s + t:get("sent"), a + t:get("acked"), d + t:get("drained"), w + t:get("wrong")
    for code, n in pairs(t:get("statuses")) do st[code] = (st[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(st) do table.insert(parts, string.format('"%d":%d', code, n)) end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"sent":%d,"acked":%d,"drained":%d,"wrong":%d,"statuses":{%s},"requests":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyMs":{"p50":%.3f,"p99":%.3f,"max":%.3f}}\n',
    s, a, d, w, table.concat(parts, ","), summary.requests,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
`;

export interface WrkOptions {
  kind: 'pixel' | 'redirect';
  url: string;
  /** Expected Location of the redirect, or the pixel's bytes. */
  expected: string | Buffer;
  seconds: number;
  /** Seconds before the end at which every connection switches to `drainPath`. */
  drainSeconds: number;
  drainPath: string;
  connections: number;
  /** wrk's per-request timeout (it counts a slower answer as a timeout error); default 10 s. */
  timeoutSeconds?: number;
}

/** Runs one wrk process (one thread: the script's `sent` relies on it) to the end and parses its report. */
export function runWrk(o: WrkOptions): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-wrk-'));
  const script = join(dir, 'track.lua');
  writeFileSync(script, WRK_SCRIPT);
  const expected = typeof o.expected === 'string' ? o.expected : o.expected.toString('hex');
  const args = ['-t1', `-c${o.connections}`, `-d${o.seconds}s`, `--timeout`, `${o.timeoutSeconds ?? 10}s`, '-s', script, o.url];
  args.push('--', o.kind, expected, String(o.seconds - o.drainSeconds), o.drainPath);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    // 'close', not 'exit': only then has all of wrk's output been read (its report comes last, at exit).
    child.once('close', (code) => {
      rmSync(dir, { recursive: true, force: true });
      const json = /^WRK_RESULT (.*)$/m.exec(stdout)?.[1];
      if (code !== 0 || !json) return reject(new Error(`wrk exited ${code}:\n${stdout}\n${stderr}`));
      const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
      const printed = {
        requests: Number(/(\d+) requests in/.exec(stdout)?.[1] ?? NaN),
        non2xx3xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0),
        socketErrors: socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0,
      };
      resolve({ kind: o.kind, ...(JSON.parse(json) as Omit<WrkResult, 'kind' | 'printed' | 'stdout'>), printed, stdout });
    });
  });
}
