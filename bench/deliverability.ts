import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mimeMessage } from '@beacon/collector/test/support/mime.ts';
import { firstStartToken, spawnCollector, type CollectorProcess } from '@beacon/collector/test/support/process.ts';
import { ruleChanges, scoreMessages, spamassassinVersion, type Verdict } from '@beacon/collector/test/support/spamassassin.ts';
import { webmailMessage } from '@beacon/collector/test/support/webmail-messages.ts';
import { CreateMessageResponseSchema, type CreateMessageRequest, type CreateMessageResponse } from '@beacon/shared/api/messages';
import { scanLinks } from '@beacon/shared/links/index';
import { corpusEmails, findCorpus, generatedEmails, type Email } from './deliverability-emails.ts';
import { PIXEL_CANDIDATES } from './pixel-candidates.ts';
import { median, type BenchRow } from './table.ts';
import { benchUriRules } from './uri-rules.ts';

/**
 * bench/deliverability: what tracking costs a message with SpamAssassin. Every template of the shared corpus
 * (`../shared/corpus` beside the project, or BENCH_CORPUS_DIR) and a generated set of Gmail- and Outlook-shaped
 * messages (1 to 300 words, 0 to 10 links, some links showing their own address) are registered with a real
 * collector process (PUBLIC_URL https://t.acme-mail.com), and the original and the tracked HTML are scored in the
 * same MIME envelope by Debian's `spamassassin -L -t` (local rules only), all in one SpamAssassin process. Rows:
 * each message's original and tracked score, the difference and the rules Beacon's changes added or removed, and
 * the same for the message tracked as Beacon did before issue 20 (an `<img>` pixel, every http(s) link tracked:
 * `pixelForm: 'image'` and a `tracked` override per link); each pixel markup considered (pixel-candidates.ts) alone
 * in a short Gmail and a short Outlook message; summaries with the background pixel forced; every `uri` rule against tracked URLs (uri-rules.ts). Targets
 * (issue 20): median difference ≤ 0.1, largest ≤ 0.5. Needs `apt-get install spamassassin`.
 */
const PUBLIC_URL = 'https://t.acme-mail.com';
const MEDIAN_TARGET = 0.1;
const MAX_TARGET = 0.5;

interface Scored {
  email: Email;
  original: Verdict;
  tracked: Verdict;
  before: Verdict;
  /** Tracked with the background pixel whatever the message (ESP templates all show images, so `auto` gives an <img>). */
  background: Verdict;
}

/** What Beacon did before issue 20: an `<img>` pixel whatever the message, and every trackable link tracked. */
const asBefore = (html: string): Partial<CreateMessageRequest> => ({
  pixelForm: 'image',
  links: scanLinks(html).unique.map((u) => ({ url: u.url, type: 'tracked' as const })),
});

export async function benchDeliverability(): Promise<BenchRow[]> {
  const version = spamassassinVersion();
  const corpusDir = findCorpus();
  const emails = [...(corpusDir ? corpusEmails(corpusDir) : []), ...generatedEmails()];
  const dataDir = mkdtempSync(join(tmpdir(), 'beacon-bench-deliverability-'));
  let collector: CollectorProcess | undefined;
  try {
    collector = await spawnCollector({
      BEACON_DATA_DIR: dataDir,
      PUBLIC_URL,
      BEACON_RATE_LIMIT_BURST: '100000',
      BEACON_RATE_LIMIT_PER_MINUTE: '100000',
    });
    const token = firstStartToken(collector);
    const versions: Array<{ tracked: string; before: string; background: string }> = [];
    for (const email of emails) {
      const html = async (extra?: Partial<CreateMessageRequest>) => (await register(collector!, token, email, extra)).html;
      versions.push({ tracked: await html(), before: await html(asBefore(email.html)), background: await html({ pixelForm: 'background' }) });
    }
    const envelope = (i: number) => ({ id: `m${i}`, subject: emails[i]!.subject });
    const mime = emails.flatMap((email, i) => [
      { id: `m${i}o`, mime: mimeMessage(email.html, envelope(i)) },
      { id: `m${i}t`, mime: mimeMessage(versions[i]!.tracked, envelope(i)) },
      { id: `m${i}b`, mime: mimeMessage(versions[i]!.before, envelope(i)) },
      { id: `m${i}g`, mime: mimeMessage(versions[i]!.background, envelope(i)) },
    ]);
    // Each candidate pixel alone (links left as they are) in a short message of each composer.
    const shorts = (['gmail', 'outlook'] as const).map((composer) => webmailMessage({ composer, words: 20, links: 1 }, 7));
    for (const [s, m] of shorts.entries()) {
      const { pixelUrl } = await register(collector, token, { set: 'generated', name: m.name, subject: m.subject, html: m.html, source: m.composer });
      mime.push({ id: `s${s}o`, mime: mimeMessage(m.html, { id: `s${s}`, subject: m.subject }) });
      PIXEL_CANDIDATES.forEach(
        (c, k) => void mime.push({ id: `s${s}c${k}`, mime: mimeMessage(c.place(m.html, pixelUrl!), { id: `s${s}`, subject: m.subject }) }),
      );
    }
    const verdicts = await scoreMessages(mime);
    const scored = emails.map((email, i) => ({
      email,
      original: verdicts.get(`m${i}o`)!,
      tracked: verdicts.get(`m${i}t`)!,
      before: verdicts.get(`m${i}b`)!,
      background: verdicts.get(`m${i}g`)!,
    }));
    const candidates = shorts.flatMap((m, s) =>
      PIXEL_CANDIDATES.map((c, k) => candidateRow(`${c.name} in ${m.name}`, verdicts.get(`s${s}o`)!, verdicts.get(`s${s}c${k}`)!)),
    );
    const rows = scored.map(row);
    for (const set of ['corpus', 'generated'] as const)
      rows.push(
        ...summary(
          set,
          scored.filter((s) => s.email.set === set),
        ),
      );
    rows.push(...candidates, ...benchUriRules());
    if (!corpusDir) rows.push(info('corpus', 'not found: set BENCH_CORPUS_DIR to the folder of mailchimp-email-blueprints', false));
    rows.push(info('scored by', version, null));
    return rows;
  } finally {
    if (collector) {
      collector.child.kill('SIGTERM');
      await collector.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function register(p: CollectorProcess, token: string, email: Email, extra: Partial<CreateMessageRequest> = {}): Promise<CreateMessageResponse> {
  const body: CreateMessageRequest = {
    subject: email.subject,
    recipients: [{ email: 'sam@client.example', name: 'Sam Carter' }],
    html: email.html,
    source: email.source,
    ...extra,
  };
  const res = await fetch(`${p.url}/api/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`registering ${email.name}: ${res.status} ${await res.text()}`);
  return CreateMessageResponseSchema.parse(await res.json());
}

function row({ email, original, tracked, before }: Scored): BenchRow {
  const delta = tracked.score - original.score;
  const rules = (v: Verdict) => ruleChanges(original, v).join(' ') || 'no rule changed';
  return {
    bench: 'deliverability',
    metric: `${email.set} ${email.name} (score tracked; baseline original)`,
    value: score(tracked.score),
    baseline: score(original.score),
    ratio: signed(delta),
    target: `${rules(tracked)}; before: ${signed(before.score - original.score)} ${rules(before)}`,
    pass: delta <= MAX_TARGET,
  };
}

function candidateRow(name: string, original: Verdict, withPixel: Verdict): BenchRow {
  const delta = withPixel.score - original.score;
  const changes = ruleChanges(original, withPixel).join(' ') || 'no rule changed';
  return { bench: 'deliverability', metric: `pixel candidate: ${name}`, value: signed(delta), baseline: '', ratio: '', target: changes, pass: null };
}

function summary(set: Email['set'], scored: Scored[]): BenchRow[] {
  if (scored.length === 0) return [];
  const rows: BenchRow[] = [];
  const variants = [
    ['now', (s: Scored) => s.tracked],
    ['before', (s: Scored) => s.before],
    ['with pixelForm background', (s: Scored) => s.background],
  ] as const;
  for (const [when, pick] of variants) {
    const deltas = scored.map((s) => pick(s).score - s.original.score);
    const changed = new Map<string, number>();
    for (const s of scored) for (const c of ruleChanges(s.original, pick(s))) changed.set(c, (changed.get(c) ?? 0) + 1);
    const rules = [...changed].map(([rule, n]) => `${rule} x${n}`).join(' ') || 'none';
    const touched = scored.filter((s) => ruleChanges(s.original, pick(s)).length > 0).length;
    const [mid, max] = [median(deltas), Math.max(...deltas)];
    const judged = when === 'now';
    rows.push(
      info(`${set} ${when}: median score difference, ${scored.length} messages`, signed(mid), judged ? mid <= MEDIAN_TARGET : null, `≤ ${MEDIAN_TARGET}`),
      info(`${set} ${when}: largest score difference`, signed(max), judged ? max <= MAX_TARGET : null, `≤ ${MAX_TARGET}`),
      info(`${set} ${when}: messages whose rules tracking changed (rule x messages)`, String(touched), null, rules),
    );
  }
  return rows;
}

function info(metric: string, value: string, pass: boolean | null, target = ''): BenchRow {
  return { bench: 'deliverability', metric, value, baseline: '', ratio: '', target, pass };
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${score(n)}`;
/** Two decimals, SpamAssassin's -0.001 informational rules shown as 0.00 rather than -0.00. */
const score = (n: number) => (Math.round(n * 100) / 100 || 0).toFixed(2);
