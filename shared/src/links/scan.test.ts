import { describe, expect, it } from 'vitest';
import { espNewsletter } from './fixtures/esp-newsletter.ts';
import { gmailReply } from './fixtures/gmail-reply.ts';
import { imageMap } from './fixtures/image-map.ts';
import { malformed } from './fixtures/malformed.ts';
import { scanLinks } from './scan.ts';
import type { LinkScan } from './types.ts';

const rows = (scan: LinkScan) => scan.links.map((l) => [l.element, l.kind, l.url, l.label]);

describe('scanLinks on a Gmail reply', () => {
  const scan = scanLinks(gmailReply);

  it('lists every link in document order with its kind and visible label', () => {
    expect(rows(scan)).toEqual([
      ['a', 'http', 'https://docs.google.com/presentation/d/1AbCdEf/edit?usp=sharing', 'Q3 plan'],
      ['a', 'http', 'https://www.example.com/pricing?utm_source=gmail&utm_medium=email', 'example.com/pricing'],
      ['a', 'tel', 'tel:+15551234567', '+1 555 123 4567'],
      ['a', 'fragment', '#details', 'the details'],
      ['a', 'http', 'https://www.example.com', 'Example Inc.'],
      ['a', 'mailto', 'mailto:alex@example.com', 'alex@example.com'],
      ['a', 'http', 'https://www.linkedin.com/in/alexmartin', 'LinkedIn'],
      ['a', 'http', 'https://www.example.com/pricing?utm_source=gmail&utm_medium=email', 'Pricing'],
      ['a', 'mailto', 'mailto:sam@client.example', 'sam@client.example'],
    ]);
  });

  it('does not take a bare URL or escaped `&lt;a href` text of the quoted message for a link', () => {
    const urls = scan.links.map((l) => l.url);
    expect(urls.some((u) => u.includes('blog/q3') || u.includes('old.example.com'))).toBe(false);
  });

  it('reports the exact source span of each href value, entities undecoded', () => {
    for (const link of scan.links) expect(gmailReply.slice(link.valueStart, link.valueEnd)).toBe(link.raw);
    const pricing = scan.links[1]!;
    expect(pricing.raw).toBe('https://www.example.com/pricing?utm_source=gmail&amp;utm_medium=email');
    expect(gmailReply.slice(pricing.valueStart - 6, pricing.valueStart)).toBe('href="');
    expect(gmailReply[pricing.valueEnd]).toBe('"');
  });

  it('counts each distinct URL once, in first-occurrence order', () => {
    expect(scan.unique.map((u) => [u.url, u.count])).toEqual([
      ['https://docs.google.com/presentation/d/1AbCdEf/edit?usp=sharing', 1],
      ['https://www.example.com/pricing?utm_source=gmail&utm_medium=email', 2],
      ['tel:+15551234567', 1],
      ['#details', 1],
      ['https://www.example.com', 1],
      ['mailto:alex@example.com', 1],
      ['https://www.linkedin.com/in/alexmartin', 1],
      ['mailto:sam@client.example', 1],
    ]);
  });

  it('has no </body> to put a pixel before: it is a composer fragment', () => {
    expect(scan.bodyCloseAt).toBeNull();
  });
});

describe('scanLinks on an ESP newsletter', () => {
  const scan = scanLinks(espNewsletter);
  const sale = 'https://shop.example.com/sale?utm_source=newsletter&utm_campaign=spring&email=*|EMAIL|*';

  it('counts the Outlook VML button and its HTML twin, and nothing from title, style, script or comments', () => {
    expect(rows(scan)).toEqual([
      ['a', 'merge-tag', '*|ARCHIVE|*', 'View this email in your browser'],
      ['a', 'http', 'https://shop.example.com/?utm_source=newsletter&utm_campaign=spring', 'Example Shop'],
      ['a', 'http', sale, 'See the sale'],
      ['v:roundrect', 'http', sale, 'Shop the sale'],
      ['a', 'http', sale, 'Shop the sale'],
      ['a', 'mailto', 'mailto:help@example.com?subject=Spring%20sale', 'Write to us'],
      ['a', 'http', 'https://twitter.com/exampleshop', 'Twitter'],
      ['a', 'mirror', '{{mirror_url}}', 'Open in browser'],
      ['a', 'merge-tag', '*|UPDATE_PROFILE|*', 'Update preferences'],
      ['a', 'unsubscribe', '{{unsubscribe_url}}', 'Unsubscribe'],
    ]);
  });

  it('marks only the link inside <!--[if mso]> as Outlook-only', () => {
    expect(scan.links.filter((l) => l.inMso).map((l) => l.element)).toEqual(['v:roundrect']);
  });

  it('gives each VML span inside the comment exactly', () => {
    const vml = scan.links[3]!;
    expect(espNewsletter.slice(vml.valueStart, vml.valueEnd)).toBe(vml.raw);
    expect(espNewsletter.slice(vml.valueStart - 6, vml.valueStart)).toBe('href="');
    expect(scan.unique.find((u) => u.url === sale)?.count).toBe(3);
  });

  it('points bodyCloseAt at </body>', () => {
    expect(scan.bodyCloseAt).not.toBeNull();
    expect(espNewsletter.slice(scan.bodyCloseAt!, scan.bodyCloseAt! + 7)).toBe('</body>');
  });
});

describe('scanLinks on an image map', () => {
  it('counts area[href] with its alt as label, in any case and quoting, and skips nohref areas', () => {
    const scan = scanLinks(imageMap);
    expect(rows(scan)).toEqual([
      ['area', 'http', 'https://shop.example.com/women?utm_source=email', 'Shop women'],
      ['area', 'http', 'https://shop.example.com/men?utm_source=email', 'Shop men & boys'],
      ['area', 'fragment', '#top', 'Top'],
    ]);
    expect(scan.links[2]!.quote).toBe('');
  });
});

describe('scanLinks on malformed HTML', () => {
  const scan = scanLinks(malformed);

  it('reads what a browser reads and nothing else', () => {
    expect(rows(scan)).toEqual([
      ['a', 'http', 'https://upper.example.com/Path?A=1&B=2', 'UPPER case'],
      ['a', 'http', 'https://lines.example.com/?q=spring&page=2', 'multi line'],
      ['a', 'http', 'https://unquoted.example.com/a?b=c', 'bare'],
      ['a', 'http', 'https://first.example.com', 'first wins'],
      ['a', 'http', "https://entities.example.com/?a=1&copy=2&notit;&z='", 'entities'],
      ['a', 'http', 'https://unclosed.example.com/', 'never closed cell text'],
      ['a', 'empty', '', 'empty'],
      ['a', 'empty', '', 'bare attribute'],
      ['a', 'javascript', 'JavaScript:alert(1)', 'js'],
      ['a', 'javascript', 'java\tscript:void(0)', 'split js'],
      ['a', 'data', 'data:text/html,hi', 'data'],
      ['a', 'other', '/relative/path', 'relative'],
      ['a', 'other', 'ftp://files.example.com/a.zip', 'ftp'],
      ['a', 'sms', 'sms:+15551234567', 'sms'],
    ]);
  });

  it('keeps the quoting of each value and its exact span, even across lines', () => {
    expect(scan.links.slice(0, 3).map((l) => l.quote)).toEqual(['"', "'", '']);
    for (const link of scan.links) expect(malformed.slice(link.valueStart, link.valueEnd)).toBe(link.raw);
    expect(scan.links[1]!.raw).toBe('\n      https://lines.example.com/?q=spring&amp;page=2\n   ');
    expect(scan.links[3]!.raw).toBe('https://first.example.com');
  });

  it('gives a bare `<a href>` an empty span right after the attribute name', () => {
    const bare = scan.links[7]!;
    expect(bare.valueStart).toBe(bare.valueEnd);
    expect(malformed.slice(bare.valueStart - 7, bare.valueStart)).toBe('<a href');
  });

  it('drops a tag cut off by the end of the input, as browsers do', () => {
    expect(scan.links.some((l) => l.url.includes('cut.example.com'))).toBe(false);
  });
});

describe('what counts as a link', () => {
  const urls = (html: string) => scanLinks(html).links.map((l) => l.url);

  it('ignores links in plain comments, script, style, textarea, title, xmp, iframe, noembed and noframes', () => {
    const hidden = [
      '<!-- <a href="https://x.test/1"> -->',
      '<script>"<a href=\'https://x.test/2\'>"</script>',
      '<style>/*<a href="https://x.test/3">*/</style>',
      '<textarea><a href="https://x.test/4"></textarea>',
      '<title><a href="https://x.test/5"></title>',
      '<xmp><a href="https://x.test/6"></xmp>',
      '<iframe><a href="https://x.test/7"></iframe>',
      '<noembed><a href="https://x.test/8"></noembed>',
      '<noframes><a href="https://x.test/9"></noframes>',
      '<a href="https://x.test/10">after</a>',
    ];
    expect(urls(hidden.join('\n'))).toEqual(['https://x.test/10']);
  });

  it('ends a raw-text element only at its own end tag, whatever its case', () => {
    expect(urls('<SCRIPT>x = "</scripts><a href=https://in.test>"</Script ><a href=https://out.test>')).toEqual(['https://out.test']);
  });

  it('reads the body of every Outlook-targeted conditional comment, and no other', () => {
    const html = [
      '<!--[if mso]><a href="https://mso.test/a">a</a><![endif]-->',
      '<!--[if gte mso 9]><v:rect href="https://mso.test/b"></v:rect><![endif]-->',
      '<!--[if mso | IE]><v:oval href="https://mso.test/c" /><![endif]-->',
      '<!--[if !mso]><a href="https://hidden.test/d"><![endif]-->',
      '<!--[if IE]><a href="https://hidden.test/e"><![endif]-->',
      '<v:roundrect href="https://hidden.test/f">VML outside a conditional comment</v:roundrect>',
      '<!--[if !mso]><!-- --><a href="https://all.test/g">g</a><!--<![endif]-->',
    ].join('\n');
    const scan = scanLinks(html);
    expect(scan.links.map((l) => [l.element, l.url, l.inMso])).toEqual([
      ['a', 'https://mso.test/a', true],
      ['v:rect', 'https://mso.test/b', true],
      ['v:oval', 'https://mso.test/c', true],
      ['a', 'https://all.test/g', false],
    ]);
  });

  it('requires an a, area or VML element with an href', () => {
    const html = '<a name="top">x</a><link href="https://x.test/css"><base href="https://x.test/"><div href="https://x.test/div">d</div>';
    expect(urls(html)).toEqual([]);
  });

  it('reads end tags with attributes and bogus comments the way browsers do', () => {
    const html =
      '</p title="><a href=\'https://x.test\'>"><a href="https://one.test">1</a></ not a tag <a href="https://y.test">><?php echo "<a href=\'https://z.test\'>" ?><a href=https://two.test>';
    expect(urls(html)).toEqual(['https://one.test', 'https://two.test']);
  });
});

describe('labels', () => {
  const label = (html: string) => scanLinks(html).links[0]?.label;

  it('strips tags, decodes entities and collapses whitespace', () => {
    expect(label('<a href="https://x.test">\n  Read <b>the&nbsp;full</b>\n\tstory &amp; more </a>')).toBe('Read the full story & more');
  });

  it("falls back to an image's alt when the link has no text", () => {
    expect(label('<a href="https://x.test"> <img src="b.png" alt="Buy &amp; save"> </a>')).toBe('Buy & save');
  });

  it('ignores style and script text inside a link', () => {
    expect(label('<a href="https://x.test"><style>.a{}</style>Go<script>1</script></a>')).toBe('Go');
  });

  it('cuts very long labels so a panel can show them', () => {
    const text = 'word '.repeat(100);
    const cut = label(`<a href="https://x.test">${text}</a>`)!;
    expect(cut.length).toBe(200);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('scanLinks and the images a message shows', () => {
  it('notices an <img> anywhere a browser renders one, in any case', () => {
    expect(scanLinks('<p>Hi <IMG src="logo.png"></p>').hasImage).toBe(true);
    expect(scanLinks('<a href="https://a.test/"><img alt="x" src="b.png"></a>').hasImage).toBe(true);
    expect(scanLinks(gmailReply).hasImage).toBe(true); // the LinkedIn icon of the signature
  });

  it('does not count an <img> only Outlook for Windows reads, a commented one, or one in text', () => {
    for (const html of [
      '<p>Hi</p><!--[if mso]><img src="x.png"><![endif]-->',
      '<p>Hi</p><!-- <img src="x.png"> -->',
      '<p>Hi &lt;img src="x.png"&gt;</p><style>a{background:url(x.png)}</style><textarea><img src="x.png"></textarea>',
      '<p>Hi</p><images src="x.png"><imgx>',
    ]) {
      expect(scanLinks(html).hasImage, html).toBe(false);
    }
  });
});
