import { describe, expect, it } from 'vitest';
import { espNewsletter } from './fixtures/esp-newsletter.ts';
import { gmailReply } from './fixtures/gmail-reply.ts';
import { malformed } from './fixtures/malformed.ts';
import { planLinks } from './plan.ts';
import { rewriteLinks } from './rewrite.ts';
import { scanLinks } from './scan.ts';
import type { PlannedLink } from './types.ts';

/** What a collector would write: a token standing for the link, kept readable here. */
const collectorUrl = (link: PlannedLink) =>
  link.type === 'optout'
    ? 'https://beacon.example/u/tok'
    : link.type === 'mirror'
      ? 'https://beacon.example/m/tok'
      : `https://beacon.example/c/${encodeURIComponent(link.url)}?s=1&v=2`;

function track(html: string, trackClicks = true, pixelUrl?: string) {
  const scan = scanLinks(html);
  const plan = planLinks(scan, { trackClicks });
  const calls: string[] = [];
  const out = rewriteLinks(html, scan, plan, {
    trackedUrl: (l) => {
      calls.push(l.url);
      return collectorUrl(l);
    },
    ...(pixelUrl ? { pixelUrl } : {}),
  });
  return { scan, plan, out, calls };
}

describe('rewriteLinks on an ESP newsletter', () => {
  const { scan, out, calls } = track(espNewsletter);

  it('changes only the href values of rewritten links: every other byte is identical', () => {
    let expected = '';
    let at = 0;
    const after = scanLinks(out);
    let outAt = 0;
    let actual = '';
    scan.links.forEach((link, i) => {
      expected += espNewsletter.slice(at, link.valueStart);
      at = link.valueEnd;
      actual += out.slice(outAt, after.links[i]!.valueStart);
      outAt = after.links[i]!.valueEnd;
    });
    expect(actual + out.slice(outAt)).toBe(expected + espNewsletter.slice(at));
    expect(out).toContain('<!--[if !mso]><!-- -->');
    expect(out).toContain('<!-- Old promo, kept for next year: <a href="https://shop.example.com/winter">Winter sale</a> -->');
  });

  it('rewrites the Outlook VML button as well as its HTML twin, escaping & as &amp;', () => {
    const after = scanLinks(out);
    const sale = 'https://shop.example.com/sale?utm_source=newsletter&utm_campaign=spring&email=*|EMAIL|*';
    const tracked = `https://beacon.example/c/${encodeURIComponent(sale)}?s=1&v=2`;
    expect(after.links.filter((l) => l.url === tracked).map((l) => l.element)).toEqual(['a', 'v:roundrect', 'a']);
    expect(after.links[3]!.raw).toBe(tracked.replace('&', '&amp;'));
  });

  it('calls trackedUrl once per distinct rewritten URL', () => {
    expect(calls).toHaveLength(new Set(calls).size);
    expect(calls).toHaveLength(5); // shop, sale, twitter, mirror, unsubscribe
  });

  it('leaves never links untouched, entity spelling included', () => {
    expect(out).toContain('href="mailto:help@example.com?subject=Spring%20sale"');
    expect(out).toContain('href="*|UPDATE_PROFILE|*"');
  });

  it('turns the Beacon placeholders into the message unsubscribe and mirror URLs', () => {
    expect(out).toContain('<a href="https://beacon.example/u/tok">Unsubscribe</a>');
    expect(out).toContain('<a href="https://beacon.example/m/tok">Open in browser</a>');
  });
});

describe('rewriteLinks quoting', () => {
  const url = 'https://t.example/c/1?a=1&b="2"&c=\'3\'';

  it('escapes for the quote in use and writes an unquoted or bare value double-quoted', () => {
    const html = `<a href="https://a.test/">1</a><a href='https://b.test/'>2</a><a href=https://c.test/>3</a><a href>4</a><a href= >5</a>`;
    const scan = scanLinks(html);
    const plan = scan.unique.map((u) => ({ ...u, type: 'tracked' as const }));
    const out = rewriteLinks(html, scan, plan, { trackedUrl: () => url });
    expect(out).toBe(
      `<a href="https://t.example/c/1?a=1&amp;b=&quot;2&quot;&amp;c='3'">1</a>` +
        `<a href='https://t.example/c/1?a=1&amp;b="2"&amp;c=&#39;3&#39;'>2</a>` +
        `<a href="https://t.example/c/1?a=1&amp;b=&quot;2&quot;&amp;c='3'">3</a>` +
        `<a href="https://t.example/c/1?a=1&amp;b=&quot;2&quot;&amp;c='3'">4</a>` +
        `<a href= "https://t.example/c/1?a=1&amp;b=&quot;2&quot;&amp;c='3'">5</a>`,
    );
    expect(scanLinks(out).links.map((l) => l.url)).toEqual([url, url, url, url, url]);
  });

  it('escapes > inside an Outlook conditional comment so the comment cannot end early', () => {
    const html = '<!--[if mso]><v:roundrect href="https://a.test/"><center>Go</center></v:roundrect><![endif]--><p>after</p>';
    const scan = scanLinks(html);
    const out = rewriteLinks(html, scan, planLinks(scan, { trackClicks: true }), { trackedUrl: () => 'https://t.test/?x=-->' });
    expect(out).toBe('<!--[if mso]><v:roundrect href="https://t.test/?x=--&gt;"><center>Go</center></v:roundrect><![endif]--><p>after</p>');
  });

  it('keeps uppercase names, odd spacing and multi-line values outside the rewritten value', () => {
    const { scan, out } = track(malformed);
    expect(out).toContain(`<A HREF="https://beacon.example/c/${encodeURIComponent(scan.links[0]!.url)}?s=1&amp;v=2">UPPER case</A>`);
    expect(out).toContain(`href = '`);
    expect(out).toContain('<a href="">empty</a> <a href>bare attribute</a>');
    expect(out.endsWith('<p>Cut at the end: <a href="https://cut.example.com/')).toBe(true);
  });
});

describe('the open pixel', () => {
  const pixel = 'https://beacon.example/o/tok?a=1&b=2';
  const tag =
    '<img src="https://beacon.example/o/tok?a=1&amp;b=2" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0">';
  const table =
    '<table role="presentation" width="1" height="1" cellpadding="0" cellspacing="0" background="https://beacon.example/o/tok?a=1&amp;b=2">' +
    '<tr><td><!--[if mso]><img src="https://beacon.example/o/tok?a=1&amp;b=2" width="1" height="1" alt=""><![endif]--></td></tr></table>';

  it('goes just before </body> of a full document', () => {
    const { out } = track(espNewsletter, true, pixel);
    expect(out).toContain(`</center>\n${tag}</body>`);
    expect(out.split(tag)).toHaveLength(2);
  });

  it('goes at the end of a composer fragment', () => {
    const { out } = track(gmailReply, false, pixel);
    expect(out).toBe(gmailReply + tag);
  });

  it('is an <img> where the message shows an image already, else a table whose background it is', () => {
    expect(track(gmailReply, false, pixel).out.endsWith(tag)).toBe(true); // the signature's icon
    const text = '<div dir="ltr">Thanks, see you Monday.</div>';
    expect(track(text, false, pixel).out).toBe(text + table);
    const outlookOnlyImage = '<p>Hi</p><!--[if mso]><img src="https://a.test/x.png"><![endif]-->';
    expect(track(outlookOnlyImage, false, pixel).out).toBe(outlookOnlyImage + table);
  });

  it('takes the form the sender asks for', () => {
    const text = '<p>Hi</p>';
    const asked = (pixelForm: 'image' | 'background', html: string) =>
      rewriteLinks(html, scanLinks(html), [], { trackedUrl: () => '', pixelUrl: pixel, pixelForm });
    expect(asked('image', text)).toBe(text + tag);
    expect(asked('background', gmailReply)).toBe(gmailReply + table);
  });

  it('cannot end the Outlook comment early, whatever the pixel URL holds', () => {
    const html = '<p>Hi</p>';
    const out = rewriteLinks(html, scanLinks(html), [], { trackedUrl: () => '', pixelUrl: 'https://t.test/o/a"b-->c', pixelForm: 'background' });
    expect(out).toContain('background="https://t.test/o/a&quot;b-->c"');
    expect(out).toContain('<!--[if mso]><img src="https://t.test/o/a&quot;b--&gt;c"');
    expect(out.indexOf('-->', out.indexOf('<!--[if mso]>'))).toBe(out.indexOf('<![endif]-->') + 9);
  });

  it('is left out when no pixel URL is given', () => {
    expect(track(gmailReply, false).out).toBe(gmailReply);
  });
});
