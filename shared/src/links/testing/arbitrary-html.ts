import fc from 'fast-check';

/** Test-only generators of email-like HTML: real constructs, broken ones, and character soup. */

const ws = fc.constantFrom('', ' ', '  ', '\n', '\n   ', '\t');
const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const caseOf = (name: string) => pick(name, name.toUpperCase(), name[0]!.toUpperCase() + name.slice(1));

const tag = pick('*|FNAME|*', '{{ contact.email }}', '%%SubscriberKey%%', '{{recipient.email}}', '[[X]]', '%EMAIL%');
const urlText = fc.stringMatching(/^[a-z0-9/._~-]{0,12}$/);
export const urlArb = fc.oneof(
  fc.tuple(pick('https://', 'http://', 'HTTPS://'), pick('shop.example.com', 'a.test', 'x.example'), urlText).map(([s, h, p]) => `${s}${h}/${p}`),
  fc.tuple(pick('https://shop.example.com/p?', 'https://a.test/?'), urlText, tag, urlText).map(([base, a, t, b]) => `${base}a=${a}&amp;t=${t}&b=${b}`),
  pick('mailto:hi@example.com', 'tel:+15551234567', '#top', 'javascript:void(0)', 'data:text/html,x', ''),
  pick('{{unsubscribe_url}}', '{{mirror_url}}', '*|UNSUB|*', '/relative', 'ftp://f.test/a', ' https://pad.test/ '),
  pick('https://e.test/?q=&amp;&lt;&#39;&quot;&copy=1&notit;', 'https://e.test/é?x=ü', 'https://[::1]/'),
);

const dq = urlArb.filter((u) => !u.includes('"')).map((u) => `"${u}"`);
const sq = urlArb.filter((u) => !u.includes("'")).map((u) => `'${u}'`);
const uq = urlArb.filter((u) => u !== '' && !/[\s>]/.test(u) && !/^["']/.test(u));
const hrefAttr = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(caseOf('href'), ws, ws, fc.oneof(dq, sq, uq)).map(([n, a, b, v]) => `${n}${a}=${b}${v}`) },
  { weight: 1, arbitrary: caseOf('href') },
);
const otherAttr = pick('', ' class="btn"', " style='color:red'", ' target=_blank', ' title="a > b"', ' data-x', '/');

const link = fc
  .tuple(caseOf('a'), ws, hrefAttr, otherAttr, fc.option(hrefAttr, { nil: undefined }), pick('>', ' >', '/>'))
  .map(([a, w, h, o, h2, end]) => `<${a} ${w}${h}${o}${h2 ? ` ${h2}` : ''}${end}`);
const area = fc.tuple(caseOf('area'), hrefAttr).map(([a, h]) => `<${a} shape="rect" ${h} alt="Zone &amp; 1">`);
const vml = fc
  .tuple(pick('v:roundrect', 'v:rect', 'V:OVAL'), hrefAttr, pick('>', '/>'))
  .map(([v, h, e]) => `<${v} ${h} style="width:200px"${e}<center>Go</center></${v}>`);

const text = fc.stringMatching(/^[a-zA-Z0-9 .,!?&;#<>/='"\n-]{0,30}$/);
const safeText = fc.stringMatching(/^[a-zA-Z0-9 .,?&;#<>/='"\n]{0,30}$/); // no `!` or `-`: no `<!--` in scripts
const inner = fc.oneof(text, link, area);
const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 5, arbitrary: link },
  { weight: 2, arbitrary: area },
  { weight: 2, arbitrary: pick('</a>', '</A >', '</td>', '<table><tr><td>', '</table>', '<p>', '<br/>', '<img src=x alt="pic">') },
  { weight: 1, arbitrary: pick('&lt;a href="https://esc.test"&gt;', '&amp;', '&nbsp;', 'https://bare.test/x') },
  {
    weight: 2,
    arbitrary: fc
      .tuple(inner, pick('-->', '--!>', '--->', '-- >', '--', '->'), link)
      .map(([x, close, after]) => `<!-- ${x.replace(/--/g, '')} ${close}${after}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(pick('</p title="', '<div title="', "</td class='", '<img alt="'), link)
      .map(([open, x]) => `${open}>${x.replace(/["']/g, '')}${open.endsWith("'") ? "'" : '"'}>`),
  },
  { weight: 2, arbitrary: fc.tuple(fc.oneof(vml, link), pick('mso', 'gte mso 9', 'mso | IE', '!mso')).map(([x, c]) => `<!--[if ${c}]>${x}<![endif]-->`) },
  { weight: 1, arbitrary: fc.tuple(link).map(([x]) => `<!--[if !mso]><!-- -->${x}text</a><!--<![endif]-->`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(pick('script', 'style', 'textarea', 'title', 'xmp', 'SCRIPT'), fc.oneof(safeText, link))
      .map(([t, x]) => `<${t}>${x.replace(new RegExp(`</${t}`, 'gi'), '')}</${t}>`),
  },
  {
    weight: 1,
    arbitrary: pick(
      '<!DOCTYPE html>',
      '<?xml version="1.0"?>',
      '<![CDATA[ x ]]>',
      '</ bogus>',
      '</>',
      '<!-->',
      '<!--->',
      '</p title=">">',
      '<html><body>',
      '</body></html>',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[<>/!"'= \nahrefAHREF:x.-]{0,16}$/) },
);

/** A document or fragment assembled from real and broken constructs. */
export const htmlArb = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));
