import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];

export interface Envelope {
  /** Unique per message; the same for a message's original and tracked versions. */
  id: string;
  subject: string;
}

/**
 * The message as Gmail and Outlook on the web send it: multipart/alternative, a plain-text part made from the HTML
 * (links written `text <url>`), then the HTML, both UTF-8 quoted-printable. Everything but the two bodies depends
 * on `envelope` alone, so a message's original and tracked versions differ only where Beacon changed the HTML.
 */
export function mimeMessage(html: string, envelope: Envelope): string {
  const boundary = `000000000000beacon${envelope.id.replace(/[^a-z0-9]/gi, '')}`;
  return [
    'From: Ann Lee <ann@acme-mail.com>',
    'To: Sam Carter <sam@client.example>',
    `Subject: ${envelope.subject}`,
    'Date: Mon, 3 Mar 2025 10:00:00 +0000',
    `Message-ID: <20250303100000.${envelope.id}.beacon-bench@mail.acme-mail.com>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(plainText(html)),
    `--${boundary}`,
    'Content-Type: text/html; charset="UTF-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(html),
    `--${boundary}--`,
    '',
  ].join('\n');
}

const BLOCKS = new Set(['div', 'p', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'blockquote', 'hr', 'center']);
const HIDDEN = new Set(['head', 'style', 'script', 'title', 'template']);

/** The text a composer sends beside the HTML: blocks on lines of their own, a link's address after its text. */
export function plainText(html: string): string {
  const lines: string[] = [''];
  let linkText: string | null = null; // the text of the link being read
  const write = (text: string) => {
    lines[lines.length - 1] += text;
    if (linkText !== null) linkText += text;
  };
  // A block starts a line unless one was just started; `<br>` always does (`<div><br></div>` is an empty line).
  const newLine = (always: boolean) => {
    if (always || lines[lines.length - 1]!.trim() !== '') lines.push('');
  };
  const visit = (node: Node): void => {
    if (node.nodeName === '#text' && 'value' in node) {
      write(node.value.replace(/\s+/g, ' '));
      return;
    }
    if (!('tagName' in node)) {
      if ('childNodes' in node) node.childNodes.forEach(visit);
      return;
    }
    if (HIDDEN.has(node.tagName)) return;
    if (node.tagName === 'br') {
      newLine(true);
      return;
    }
    const block = BLOCKS.has(node.tagName);
    if (block) newLine(false);
    const href = node.tagName === 'a' ? node.attrs.find((a) => a.name === 'href')?.value.trim() : undefined;
    const outer = linkText;
    if (href) linkText = '';
    node.childNodes.forEach(visit);
    if (href && /^https?:/i.test(href) && linkText?.trim() !== href) write(` <${href}>`);
    if (href) linkText = outer;
    if (block) newLine(false);
  };
  visit(parse(html));
  return lines
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** RFC 2045 quoted-printable of the UTF-8 bytes: lines kept, soft breaks before 76 characters. */
export function quotedPrintable(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      let out = '';
      let width = 0;
      const bytes = new TextEncoder().encode(line);
      bytes.forEach((b, i) => {
        const last = i === bytes.length - 1;
        const plain = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
        const piece = plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        if (width + piece.length > 75) {
          out += '=\n';
          width = 0;
        }
        out += piece;
        width += piece.length;
      });
      return out;
    })
    .join('\n');
}
