import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webmailMessage, type LinkText, type MessageSpec } from '@beacon/collector/test/support/webmail-messages.ts';
import type { CreateMessageRequest } from '@beacon/shared/api/messages';

/** The messages bench/deliverability scores: the shared corpus's templates and a generated webmail set. */
export interface Email {
  set: 'corpus' | 'generated';
  name: string;
  subject: string;
  html: string;
  source: CreateMessageRequest['source'];
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every template of the corpus (a folder holding `mailchimp-email-blueprints/`). */
export function corpusEmails(dir: string): Email[] {
  const folder = join(dir, 'mailchimp-email-blueprints');
  return readdirSync(folder)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((file) => {
      const html = readFileSync(join(folder, file), 'utf8');
      const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1]?.trim();
      return { set: 'corpus', name: file.replace(/\.html$/, ''), subject: title || 'Newsletter', html, source: 'esp' };
    });
}

/** BENCH_CORPUS_DIR, else `shared/corpus` in the nearest folder above the project that has one. */
export function findCorpus(): string | null {
  if (process.env.BENCH_CORPUS_DIR) return process.env.BENCH_CORPUS_DIR;
  for (let dir = dirname(ROOT); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared/corpus/mailchimp-email-blueprints'))) return join(dir, 'shared/corpus');
  }
  return null;
}

/**
 * 66 messages: both composers, every link count from 0 to 10, a short (1-30 words), middling (31-120) and long
 * (121-300) one of each; link texts in turn words only, words and a pasted address, or words, a typed domain and
 * a pasted address.
 */
export function generatedEmails(): Email[] {
  const TEXTS: LinkText[][] = [['words'], ['words', 'url'], ['words', 'domain', 'url']];
  const BUCKETS = [
    [1, 30],
    [31, 120],
    [121, 300],
  ] as const;
  const emails: Email[] = [];
  let seed = 1;
  for (const composer of ['gmail', 'outlook'] as const) {
    for (let links = 0; links <= 10; links++) {
      for (const [low, high] of BUCKETS) {
        const words = low + Math.floor(fraction(seed) * (high - low + 1));
        const spec: MessageSpec = { composer, words, links, texts: TEXTS[seed % 3]! };
        const m = webmailMessage(spec, seed++);
        emails.push({ set: 'generated', name: m.name, subject: m.subject, html: m.html, source: composer });
      }
    }
  }
  return emails;
}

/** A number in [0, 1) fixed for each seed (the golden ratio's fractional part steps evenly through it). */
const fraction = (seed: number) => (seed * 0.6180339887) % 1;
