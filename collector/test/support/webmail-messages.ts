import { escapeHtml } from '@beacon/shared/escape-html';
import { mulberry32 } from './random.ts';

/**
 * Messages as people write them in Gmail and Outlook on the web, with the HTML each composer sends (shapes from
 * extension/src/hosts/gmail and outlook fixtures): Gmail a `<div dir="ltr">` fragment whose lines are `<div>`s and
 * whose signature is a `gmail_signature` block; Outlook a whole document whose lines are `elementToProof` divs,
 * links carrying `LPlnk` ids, the signature in `#Signature`. Deterministic for a seed.
 */
export type Composer = 'gmail' | 'outlook';
export type LinkText = 'words' | 'url' | 'domain';

export interface WebmailMessage {
  name: string;
  composer: Composer;
  words: number;
  links: number;
  subject: string;
  html: string;
}

export interface MessageSpec {
  composer: Composer;
  /** Words of prose, 1 to 300 (the signature is extra). */
  words: number;
  /** Links in the text, 0 to 10, their text as `texts` says, in turn. */
  links: number;
  texts?: LinkText[];
  signature?: boolean;
}

const VOCABULARY = `we you team plan pricing quarter meeting call notes proposal budget rollout timeline contract demo trial
  onboarding renewal update review question answer week month today tomorrow next last quick short follow share send
  check look agree think need want help support account report numbers growth open rate clicks campaign list segment
  audience launch feature roadmap customer partner sales marketing deal stage forecast target goal result project
  workshop slides draft version feedback changes steps priority schedule availability time slot invite agenda recap
  happy glad thanks sure great good fine clear simple useful helpful new current first final main other few many more`
  .split(/\s+/)
  .filter(Boolean);
/** What people send when they write three words or fewer. */
const SHORT_REPLIES = [[], ['Thanks!', 'Done.', 'Agreed.'], ['Sounds good.', 'Will do.'], ['See you Monday.', 'Works for me.']];
const SUBJECTS = ['Quick follow-up', 'Deck from today', 'Next steps', 'Re: pricing question', 'Notes from our call', 'Thanks for your time'];
const DESTINATIONS = [
  'https://docs.google.com/presentation/d/1AbCdEfGhIjKlMnOp/edit?usp=sharing',
  'https://calendly.com/ann-lee/30min',
  'https://www.acme-mail.com/pricing?utm_source=email&utm_medium=sales',
  'https://www.acme-mail.com/customers/northwind',
  'https://www.linkedin.com/in/annlee',
  'https://zoom.us/j/98765432100?pwd=Q2FsbDEyMw',
  'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
  'https://acme-mail.com/blog/open-rates-2025',
  'https://drive.google.com/file/d/1xYzAbC/view',
  'https://www.northwind.example/partners/acme',
];
const LINK_WORDS = ['the deck', 'pricing', 'this case study', 'my calendar', 'the recording', 'our blog post', 'here', 'the proposal'];
const OUTLOOK_FONT = 'font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);';

type Part = string | { href: string; text: string; autolink: boolean };
type Line = Part[];

export function webmailMessage(spec: MessageSpec, seed: number): WebmailMessage {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const paragraphs = prose(spec.words, rand, pick);
  const texts = spec.texts ?? ['words'];
  for (let i = 0; i < spec.links; i++) {
    const href = DESTINATIONS[(seed + i) % DESTINATIONS.length]!;
    const kind = texts[i % texts.length]!;
    const link =
      kind === 'words'
        ? { href, text: pick(LINK_WORDS), autolink: false }
        : kind === 'url'
          ? { href, text: href, autolink: true } // a pasted address, linked by the composer
          : { href: `http://${bare(href)}`, text: bare(href), autolink: true }; // `acme-mail.com/pricing` typed
    const line = paragraphs[Math.floor(rand() * paragraphs.length)]!;
    line.push(' ', link, '.');
  }
  const greeting = spec.words >= 6;
  // null: an empty line between blocks, as the composer writes one for each Enter on an empty line.
  const body = paragraphs.flatMap((p, i) => (i > 0 ? [null, p] : [p]));
  const lines: (Line | null)[] = greeting ? [['Hi Sam,'], null, ...body, null, ['Best,'], ['Ann']] : body;
  const subject = pick(SUBJECTS);
  const html = spec.composer === 'gmail' ? gmailHtml(lines, spec.signature ?? greeting) : outlookHtml(lines, spec.signature ?? greeting, rand);
  const name = `${spec.composer} ${spec.words}w ${spec.links}l${spec.texts && spec.links > 0 ? ` ${texts.join('+')}` : ''}`;
  return { name, composer: spec.composer, words: spec.words, links: spec.links, subject, html };
}

/** `words` words of sentences (6 to 14 words, the first capitalised, a full stop) in paragraphs of 1 to 3. */
function prose(words: number, rand: () => number, pick: <T>(list: readonly T[]) => T): Line[] {
  if (words < SHORT_REPLIES.length) return [[pick(SHORT_REPLIES[Math.max(1, words)]!)]];
  const greetingAndSignOff = words >= 6 ? 4 : 0; // "Hi Sam," and "Best, Ann"
  let left = words - greetingAndSignOff;
  const paragraphs: Line[] = [];
  while (left > 0) {
    const sentences: string[] = [];
    for (let s = 1 + Math.floor(rand() * 3); s > 0 && left > 0; s--) {
      const n = Math.min(left, 6 + Math.floor(rand() * 9));
      const sentence = Array.from({ length: n }, () => pick(VOCABULARY)).join(' ');
      sentences.push(`${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`);
      left -= n;
    }
    paragraphs.push([sentences.join(' ')]);
  }
  return paragraphs;
}

/** Gmail: the first line bare in the root div, each later line a div, an empty line `<div><br></div>`. */
function gmailHtml(lines: (Line | null)[], signature: boolean): string {
  const body = lines.map((line, i) => (line === null ? '<div><br></div>' : i === 0 ? inline(line, gmailLink) : `<div>${inline(line, gmailLink)}</div>`));
  const sig = signature
    ? '<div><br clear="all"></div><div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr"><div>Ann Lee</div><div>Account Executive | Acme Mail</div><div>+1 555 010 2030</div></div></div>'
    : '';
  return `<div dir="ltr">${body.join('')}${sig}</div>`;
}

/** Outlook on the web: a whole document, every line an `elementToProof` div in the default font. */
function outlookHtml(lines: (Line | null)[], signature: boolean, rand: () => number): string {
  const div = (content: string) => `<div class="elementToProof" style="${OUTLOOK_FONT}">\n${content}</div>\n`;
  const link = (l: { href: string; text: string; autolink: boolean }) =>
    `<a href="${escapeHtml(l.href)}" id="LPlnk${100000 + Math.floor(rand() * 900000)}"${l.autolink ? ' class="OWAAutoLink"' : ''} data-auth="NotApplicable">${escapeHtml(l.text)}</a>`;
  const body = lines.map((line) => div(line === null ? '<br>' : inline(line, link))).join('');
  const sig = signature ? `<div id="Signature">\n<p>Ann Lee<br>Account Executive | Acme Mail<br>+1 555 010 2030</p>\n</div>\n` : '';
  return `<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n</head>\n<body dir="ltr">\n${body}${sig}</body>\n</html>\n`;
}

function gmailLink(l: { href: string; text: string }): string {
  return `<a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a>`;
}

function inline(line: Line, link: (l: { href: string; text: string; autolink: boolean }) => string): string {
  return line.map((part) => (typeof part === 'string' ? escapeHtml(part) : link(part))).join('');
}

const bare = (url: string) => url.replace(/^https?:\/\/(www\.)?/, '').replace(/\?.*$/, '');
