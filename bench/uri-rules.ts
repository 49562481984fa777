import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { prepareMessage } from '@beacon/collector/src/messages/prepare.ts';
import { createSigner } from '@beacon/collector/src/track/token.ts';
import { trackingUrls } from '@beacon/collector/src/track/urls.ts';
import { CreateMessageRequestSchema } from '@beacon/shared/api/messages';
import type { BenchRow } from './table.ts';

/**
 * Every `uri` rule of the installed SpamAssassin rule set against the URLs the collector writes into a message
 * (prepareMessage with its own signer: random keys, workspaces, messages, send times, destinations, ESP merge
 * tags): whether a tracked URL's shape alone (a long base64url token) can trip a rule. Perl runs the rules, so each
 * regular expression means what it means to SpamAssassin. Sub-rules (`__NAME`) have no score of their own.
 */
const RULE_DIRS = ['/usr/share/spamassassin', '/var/lib/spamassassin'];
const DESTINATIONS = [
  'https://calendly.com/ann-lee/30min',
  'https://docs.google.com/presentation/d/1AbCdEfGhIjKlMnOp/edit?usp=sharing',
  'https://www.acme-mail.com/pricing?utm_source=email&utm_medium=sales&utm_campaign=q3-renewals',
  'https://shop.example.com/p/42?uid=*|UNIQID|*&email=*|EMAIL|*',
  'https://example.com/a',
];
const PERL = String.raw`
my (%score, @rules);
for my $dir (@ARGV) { for my $f (sort glob("$dir/*.cf"), sort glob("$dir/*/*.cf")) { open(my $fh, '<', $f) or next;
  while (<$fh>) { push @rules, [$1, $2] if /^\s*uri\s+(\w+)\s+(.+?)\s*$/; $score{$1} = $2 if /^\s*score\s+(\w+)\s+(-?[\d.]+)/; } } }
my @urls = map { chomp; $_ } <STDIN>;
for my $r (@rules) { my $test = eval "sub { \$_[0] =~ $r->[1] }" or next; my $n = grep { $test->($_) } @urls;
  printf "%s %d %s\n", $r->[0], $n, $score{$r->[0]} // '-' if $n; }
printf "rules %d\n", scalar @rules;`;

export function benchUriRules(messages = 1000): BenchRow[] {
  const urls: string[] = [];
  for (let i = 0; i < messages; i++) {
    const links = DESTINATIONS.map((d, k) => `<a href="${d}">link ${k}</a>`).join(' ');
    const req = CreateMessageRequestSchema.parse({
      subject: 'Hello',
      recipients: [{ email: 'sam@client.example' }],
      html: `<p>${links} <a href="{{unsubscribe_url}}">Unsubscribe</a></p>`,
    });
    const t = trackingUrls('https://t.acme-mail.com', createSigner(randomBytes(32).toString('hex')), {
      workspaceId: randomUUID(),
      messageId: randomUUID(),
      sentAt: Date.now() - Math.floor(Math.random() * 3e10),
      ...(i % 2 ? { recipient: 0 } : {}),
    });
    const prepared = prepareMessage(req, t, { publicUrl: 'https://t.acme-mail.com', senderEmail: 'ann@acme-mail.com' });
    urls.push(...prepared.links.flatMap((l) => (l.trackedUrl ? [l.trackedUrl] : [])), prepared.pixelUrl!, t.mirror(), t.unsubscribe());
  }
  const out = execFileSync('perl', ['-e', PERL, ...RULE_DIRS], { input: urls.join('\n'), encoding: 'utf8' });
  const total = Number(/^rules (\d+)$/m.exec(out)?.[1] ?? 0);
  const hits = [...out.matchAll(/^(\w+) (\d+) (\S+)$/gm)].map(([, name, n, score]) => ({ name: name!, n: Number(n), score: score! }));
  const scored = hits.filter((h) => !h.name.startsWith('__'));
  const row = (metric: string, value: string, target: string, pass: boolean | null): BenchRow => ({
    bench: 'deliverability',
    metric,
    value,
    baseline: '',
    ratio: '',
    target,
    pass,
  });
  return [
    row(
      `uri rules with a score matching tracked URLs (${total} uri rules x ${urls.length} URLs)`,
      String(scored.length),
      scored.map((h) => h.name).join(' ') || 'none',
      scored.length === 0,
    ),
    // Sub-rules every URL matches (`__HAS_URI` ...) say nothing about the shape; the others are listed.
    ...hits
      .filter((h) => h.name.startsWith('__') && h.n < urls.length)
      .map((h) =>
        row(
          `uri sub-rule ${h.name} (no score of its own) matching tracked URLs`,
          `${((100 * h.n) / urls.length).toFixed(1)}%`,
          `${h.n} of ${urls.length}`,
          null,
        ),
      ),
  ];
}
