import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What SpamAssassin made of one message: its score and the rules that hit, each with its score. */
export interface Verdict {
  score: number;
  rules: Map<string, number>;
}

/**
 * Debian's SpamAssassin as `spamassassin -L -t` runs it (local tests only, the score report appended), with Bayes
 * off so nothing is learned between runs and every run scores alike (an empty Bayes database scores nothing
 * anyway), and a report of one line per message that names its rules with their scores to the thousandth.
 */
const PREFS = `use_bayes 0
bayes_auto_learn 0
clear_report_template
report beacon-result [_TESTSSCORES(,)_] _HEADER(X-Beacon-Case)_
`;
const INSTALL_HINT = 'SpamAssassin is not installed: apt-get install spamassassin (.ci/run installs it)';

/** The installed SpamAssassin's version line; throws with the install command when there is none. */
export function spamassassinVersion(): string {
  const run = spawnSync('spamassassin', ['--version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new Error(INSTALL_HINT);
  return run.stdout.split('\n')[0]!.trim();
}

/**
 * Scores every message in one SpamAssassin process (`--mbox`: its start, about 0.6 s, is paid once, not per
 * message). Keyed by `id`; SpamAssassin does not keep the order of an mbox, so each message carries its id in an
 * `X-Beacon-Case` header, the same length for every message so the header cannot tip a rule one way.
 */
export async function scoreMessages(messages: ReadonlyArray<{ id: string; mime: string }>): Promise<Map<string, Verdict>> {
  spamassassinVersion();
  const home = mkdtempSync(join(tmpdir(), 'beacon-sa-'));
  try {
    const prefs = join(home, 'prefs.cf');
    writeFileSync(prefs, PREFS);
    const width = Math.max(...messages.map((m) => m.id.length));
    const mbox = messages
      .map((m) => `From beacon@localhost Mon Mar  3 10:00:00 2025\nX-Beacon-Case: ${m.id.padEnd(width, '_')}\n${escapeFromLines(m.mime)}\n`)
      .join('');
    const out = await run(['--mbox', '-L', '-t', '-p', prefs], mbox, { ...process.env, HOME: home });
    const verdicts = new Map<string, Verdict>();
    for (const [, tests, id] of out.matchAll(/^beacon-result \[([^\]]*)\] (\S+)/gm)) {
      const rules = new Map<string, number>();
      for (const pair of tests!.split(',').filter(Boolean)) {
        const [name, score] = pair.split('=');
        rules.set(name!, Number(score));
      }
      const score = [...rules.values()].reduce((a, b) => a + b, 0);
      verdicts.set(id!.replace(/_+$/, ''), { score: Math.round(score * 1000) / 1000, rules });
    }
    const missing = messages.filter((m) => !verdicts.has(m.id)).map((m) => m.id);
    if (missing.length > 0) throw new Error(`SpamAssassin gave no result for ${missing.join(', ')}:\n${out.slice(0, 2000)}`);
    return verdicts;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Rules `after` hit that `before` did not (`+NAME`), then those it no longer hits (`-NAME`). */
export function ruleChanges(before: Verdict, after: Verdict): string[] {
  const added = [...after.rules.keys()].filter((r) => !before.rules.has(r)).map((r) => `+${r}`);
  const removed = [...before.rules.keys()].filter((r) => !after.rules.has(r)).map((r) => `-${r}`);
  return [...added.sort(), ...removed.sort()];
}

/** mboxrd: a body line starting `From ` (after any `>`) gets one more `>`, so it cannot start a new message. */
function escapeFromLines(mime: string): string {
  return mime.replace(/^(>*From )/gm, '>$1');
}

function run(args: string[], input: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('spamassassin', args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.once('error', (e) => reject(new Error(`${INSTALL_HINT} (${e.message})`)));
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`spamassassin exited ${code}: ${err.slice(0, 2000)}`))));
    child.stdin.end(input);
  });
}
