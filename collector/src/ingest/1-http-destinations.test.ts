import { hasMergeTag } from '@beacon/shared/links/index';
import { hasLoneSurrogate } from '@beacon/shared/text';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/database.ts';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';

/** A header value node:http writes without throwing, and that no browser reads differently: printable ASCII. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * How an href may carry a character in HTML: raw, or as a numeric entity (`&#10;`). Not for U+0080-U+009F, which
 * HTML reads as windows-1252 (`&#128;` is €).
 */
function attribute(url: string, asEntity: (ch: string) => boolean): string {
  let out = '';
  for (const ch of url) {
    const code = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '"') out += '&quot;';
    else if (ch === '<') out += '&lt;';
    else if (asEntity(ch) && (code < 0x80 || code > 0x9f)) out += `&#${code};`;
    else out += ch;
  }
  return out;
}

const SPECIAL = [
  '\n',
  '\r',
  '\t',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u00a0',
  '\u2028',
  '\u2029',
  'é',
  'ß',
  '日本',
  '😀',
  ' ',
  '"',
  '<',
  '>',
  '&',
  '#',
  '?',
  '%',
  '%e9',
  '/',
  '\\',
  "'",
  '`',
  '^',
  '|',
  '..',
];
const piece = fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }));
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
const HOSTS = ['shop.example', 'SHOP.Example', 'bücher.example', 'xn--bcher-kva.example', '日本.example', 'müller.de', '127.0.0.1', '[2001:db8::1]'];
const destination = fc
  .record({
    scheme: fc.constantFrom('http://', 'https://', 'HTTPS://', 'http:/', 'http:'),
    host: fc.constantFrom(...HOSTS),
    path: text,
    query: text,
    fragment: text,
  })
  .map((d) => `${d.scheme}${d.host}/${d.path}?${d.query}#${d.fragment}`)
  .filter((url) => !hasMergeTag(url) && !url.includes('{{') && !url.includes('\u0000') && !hasLoneSurrogate(url));

describe.each(BACKENDS)('any destination, clicked over real HTTP (%s)', (backend) => {
  let t: TestCollector;
  let clicks = 0;
  const messages: string[] = [];
  beforeAll(async () => {
    t = await startTestCollector(backend, { env: { BEACON_RATE_LIMIT_BURST: '100000', BEACON_RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    // Every click was recorded: nothing acknowledged is lost, whatever the destination held.
    await t.flush();
    const [row] = await t.collector.deps.sql<{ n: number }[]>`
      select count(*)::int as n from events where message_id = any(${messages}::uuid[]) and kind = 'click'`;
    expect(row!.n).toBe(clicks);
    await t?.stop();
  });

  const alive = async () => expect((await t.request('/api/health')).status).toBe(200);

  async function clickThrough(url: string, html: string): Promise<void> {
    const m = await t.send(t.admin.token, { html });
    messages.push(m.id);
    const link = m.links[0]!;
    expect(new URL(link.url).href).toBe(new URL(url).href); // the scanner trims as browsers do
    expect(link.type, `${JSON.stringify(url)}: ${link.reason}`).toBe('tracked');
    t.clock.advance(60_000);
    for (const method of ['GET', 'HEAD']) {
      const res = await t.request(t.path(link.trackedUrl!), { method });
      clicks++;
      expect(res.status, JSON.stringify(url)).toBe(302);
      const location = res.headers.get('location')!;
      expect(location).toMatch(PRINTABLE_ASCII);
      expect(location).toBe(new URL(url).href);
    }
  }

  it('always answers a 302 to the parsed destination, in printable ASCII, and stays up', async () => {
    await fc.assert(
      fc.asyncProperty(destination, fc.func(fc.boolean()), async (url, entity) => {
        await clickThrough(url, `<p>Hi</p><a href="${attribute(url, (ch) => entity(ch))}">link</a>`);
        await alive();
      }),
      { numRuns: backend === 'pglite' ? 150 : 60 },
    );
  });

  it.each([
    ['an IDN host', 'https://bücher.example/x', 'https://xn--bcher-kva.example/x'],
    ['Latin-1 in the path, as UTF-8', 'https://shop.example/café', 'https://shop.example/caf%C3%A9'],
    ['an emoji, CJK and U+2028', 'https://shop.example/😀?q=日本#a\u2028b', 'https://shop.example/%F0%9F%98%80?q=%E6%97%A5%E6%9C%AC#a%E2%80%A8b'],
    ['control characters', 'https://shop.example/a\u0001b\u007fc', 'https://shop.example/a%01b%7Fc'],
    ['a newline inside the attribute', 'https://shop.example/a\nb\r\nc', 'https://shop.example/abc'],
    ['one slash after the scheme', 'http:/shop.example/x', 'http://shop.example/x'],
    ['no slash after the scheme', 'http:shop.example/x', 'http://shop.example/x'],
  ])('redirects %s to the address a browser would request', async (_what, url, expected) => {
    for (const asEntity of [false, true]) {
      const html = `<a href="${attribute(url, (ch) => asEntity && /[^\x20-\x7e]/.test(ch))}">x</a>`;
      const m = await t.send(t.admin.token, { html });
      messages.push(m.id);
      t.clock.advance(60_000);
      const res = await t.request(t.path(m.links[0]!.trackedUrl!));
      clicks++;
      expect(res.headers.get('location')).toBe(expected);
    }
    await alive();
  });

  it('fills any merge-tag values into their place, encoded, and never leaves the destination', async () => {
    const m = await t.send(t.admin.token, {
      html: '<a href="https://shop.example/p/*|A|*?x=*|B|*&amp;y=1#*|C|*">x</a>',
      recipients: [{ email: 'a@x.example' }, { email: 'b@x.example' }],
    });
    messages.push(m.id);
    t.clock.advance(60_000);
    const [path] = t.path(m.links[0]!.trackedUrl!).split('?');
    const value = fc
      .string({ unit: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 20 })
      .filter((v) => !hasLoneSurrogate(v));
    await fc.assert(
      fc.asyncProperty(
        value.filter((v) => v !== '.' && v !== '..'),
        value,
        value,
        async (a, b, c) => {
          const q = [a, b, c].map((v, i) => `m${i}=${encodeURIComponent(v)}`).join('&');
          const res = await t.request(`${path}?${q}`);
          clicks++;
          expect(res.status).toBe(302);
          const location = res.headers.get('location')!;
          expect(location).toMatch(PRINTABLE_ASCII);
          const got = new URL(location);
          expect(got.origin).toBe('https://shop.example');
          expect(decodeURIComponent(got.pathname)).toBe(`/p/${a}`);
          expect(got.searchParams.get('x')).toBe(b);
          expect(got.searchParams.get('y')).toBe('1');
          expect(decodeURIComponent(got.hash.slice(1))).toBe(c);
        },
      ),
      { numRuns: backend === 'pglite' ? 150 : 60 },
    );
    await alive();
  });

  it('takes any raw bytes in the merge-tag query without failing or leaving the destination', async () => {
    const m = await t.send(t.admin.token, { html: '<a href="https://shop.example/p?x=*|B|*">x</a>' });
    messages.push(m.id);
    t.clock.advance(60_000);
    const [path] = t.path(m.links[0]!.trackedUrl!).split('?');
    for (const raw of ['%', '%E9', '%ED%A0%80', '%C0%AF', '%00', '%0D%0ALocation:%20https://evil.example', '%F0%9F%98', '😀'.repeat(600)]) {
      const res = await t.request(`${path}?m0=${raw}`);
      clicks++;
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(PRINTABLE_ASCII);
      expect(new URL(res.headers.get('location')!).origin).toBe('https://shop.example');
    }
    await alive();
  });
});
