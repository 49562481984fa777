import { describe, expect, it } from 'vitest';
import { espNewsletter } from './fixtures/esp-newsletter.ts';
import { malformed } from './fixtures/malformed.ts';
import { mergeTagLinks } from './fixtures/merge-tag-links.ts';
import { planLinks } from './plan.ts';
import { scanLinks } from './scan.ts';
import type { PlannedLink } from './types.ts';
import { REASONS } from './validate.ts';

const byUrl = (plan: PlannedLink[]) => new Map(plan.map((p) => [p.url, p]));
const sale = 'https://shop.example.com/sale?utm_source=newsletter&utm_campaign=spring&email=*|EMAIL|*';

describe('planLinks defaults', () => {
  const scan = scanLinks(espNewsletter);

  it('tracks http(s) links, opts out and mirrors the placeholders, and leaves the rest alone with a reason', () => {
    expect(planLinks(scan, { trackClicks: true }).map((p) => [p.url, p.type, p.reason])).toEqual([
      ['*|ARCHIVE|*', 'never', REASONS.mergeTag],
      ['https://shop.example.com/?utm_source=newsletter&utm_campaign=spring', 'tracked', undefined],
      [sale, 'tracked', undefined],
      ['mailto:help@example.com?subject=Spring%20sale', 'never', REASONS.mailto],
      ['https://twitter.com/exampleshop', 'tracked', undefined],
      ['{{mirror_url}}', 'mirror', undefined],
      ['*|UPDATE_PROFILE|*', 'never', REASONS.mergeTag],
      ['{{unsubscribe_url}}', 'optout', undefined],
    ]);
  });

  it('keeps the count of each URL: the sale link appears three times', () => {
    expect(byUrl(planLinks(scan, { trackClicks: true })).get(sale)?.count).toBe(3);
  });

  it('with click tracking off, tracks nothing but still rewrites the unsubscribe and mirror placeholders', () => {
    const plan = planLinks(scan, { trackClicks: false });
    expect(plan.filter((p) => p.type !== 'never').map((p) => [p.url, p.type])).toEqual([
      ['{{mirror_url}}', 'mirror'],
      ['{{unsubscribe_url}}', 'optout'],
    ]);
    expect(byUrl(plan).get(sale)?.reason).toBe(REASONS.clicksOff);
  });

  it('explains every untrackable kind in words the Links panel can show', () => {
    const reasons = byUrl(planLinks(scanLinks(malformed), { trackClicks: true }));
    expect(reasons.get('JavaScript:alert(1)')?.reason).toBe('javascript links are never tracked');
    expect(reasons.get('java\tscript:void(0)')?.reason).toBe('javascript links are never tracked');
    expect(reasons.get('data:text/html,hi')?.reason).toBe(REASONS.data);
    expect(reasons.get('')?.reason).toBe(REASONS.empty);
    expect(reasons.get('/relative/path')?.reason).toBe('not an absolute http(s) URL');
    expect(reasons.get('ftp://files.example.com/a.zip')?.reason).toBe('ftp: links cannot be tracked');
    expect(reasons.get('sms:+15551234567')?.reason).toBe(REASONS.sms);
    expect([...reasons.values()].every((p) => p.type !== 'never' || (p.reason ?? '').length > 0)).toBe(true);
  });
});

describe('planLinks overrides', () => {
  const html = `<a href="https://a.example.com/">a</a><a href="mailto:x@example.com">m</a><a href="#top">t</a>
    <a href="javascript:go()">j</a><a href="/rel">r</a><a href="{{unsubscribe_url}}">u</a><a href="https://b.example.com/">b</a>`;
  const scan = scanLinks(html);

  it('may turn any link off, and says so', () => {
    const plan = byUrl(planLinks(scan, { trackClicks: true, overrides: { 'https://a.example.com/': 'never' } }));
    expect(plan.get('https://a.example.com/')).toMatchObject({ type: 'never', reason: REASONS.turnedOff });
    expect(plan.get('https://b.example.com/')?.type).toBe('tracked');
  });

  it('may track a trackable link even when click tracking is off', () => {
    const plan = byUrl(planLinks(scan, { trackClicks: false, overrides: { 'https://b.example.com/': 'tracked' } }));
    expect(plan.get('https://b.example.com/')?.type).toBe('tracked');
    expect(plan.get('https://a.example.com/')?.type).toBe('never');
  });

  it('cannot make mailto, fragment, javascript or relative links tracked: they keep their reason', () => {
    const overrides = { 'mailto:x@example.com': 'tracked', '#top': 'tracked', 'javascript:go()': 'optout', '/rel': 'mirror' } as const;
    const plan = byUrl(planLinks(scan, { trackClicks: true, overrides }));
    expect(plan.get('mailto:x@example.com')).toMatchObject({ type: 'never', reason: REASONS.mailto });
    expect(plan.get('#top')).toMatchObject({ type: 'never', reason: REASONS.fragment });
    expect(plan.get('javascript:go()')).toMatchObject({ type: 'never', reason: REASONS.javascript });
    expect(plan.get('/rel')).toMatchObject({ type: 'never', reason: REASONS.relative });
  });

  it('cannot turn off the unsubscribe placeholder: it does not work unless rewritten', () => {
    const plan = byUrl(planLinks(scan, { trackClicks: true, overrides: { '{{unsubscribe_url}}': 'never' } }));
    expect(plan.get('{{unsubscribe_url}}')?.type).toBe('optout');
  });

  it('ignores overrides that are not tracking types, and keys inherited from Object.prototype', () => {
    const overrides = JSON.parse('{"https://a.example.com/":"bogus","__proto__":{"https://b.example.com/":"never"}}');
    const plan = byUrl(planLinks(scan, { trackClicks: true, overrides }));
    expect(plan.get('https://a.example.com/')?.type).toBe('tracked');
    expect(plan.get('https://b.example.com/')?.type).toBe('tracked');
  });
});

describe('planLinks safety', () => {
  it('never wraps a link that already points at the collector', () => {
    const scan = scanLinks('<a href="https://beacon.example.com/c/abc">x</a><a href="https://shop.example.com/">y</a>');
    const plan = planLinks(scan, { trackClicks: true, isOwnUrl: (u) => u.startsWith('https://beacon.example.com/') });
    expect(plan.map((p) => [p.type, p.reason])).toEqual([
      ['never', 'already tracked'],
      ['tracked', undefined],
    ]);
    const forced = planLinks(scan, {
      trackClicks: true,
      overrides: { 'https://beacon.example.com/c/abc': 'tracked' },
      isOwnUrl: (u) => u.startsWith('https://beacon.example.com/'),
    });
    expect(forced[0]?.type).toBe('never');
  });

  it('refuses a merge tag or expression in the host, which could send clicks anywhere', () => {
    const html = ['https://*|DOMAIN|*/x', 'https://{{ contact.site }}/', 'https://{{recipient.email}}@evil.test/', 'http://shop.example.com.%%Domain%%/']
      .map((u) => `<a href="${u}">x</a>`)
      .join('');
    const plan = planLinks(scanLinks(html), { trackClicks: true, overrides: { 'https://*|DOMAIN|*/x': 'tracked' } });
    expect(plan.map((p) => p.type)).toEqual(['never', 'never', 'never', 'never']);
    expect(new Set(plan.map((p) => p.reason))).toEqual(new Set([REASONS.tagInOrigin]));
  });

  it('tracks destinations with merge tags in the path, query or fragment, for every ESP spelling', () => {
    const html = Object.values(mergeTagLinks)
      .map((u) => `<a href="${u}">x</a>`)
      .join('');
    const plan = planLinks(scanLinks(html), { trackClicks: true });
    expect(plan.map((p) => [p.url, p.type])).toEqual(Object.values(mergeTagLinks).map((u) => [u, 'tracked']));
  });

  it('calls an http link that does not parse "not a valid URL"', () => {
    const plan = planLinks(scanLinks('<a href="http://exa mple.com/">x</a><a href="https://">y</a><a href="http://[oops/">z</a>'), { trackClicks: true });
    expect(plan.map((p) => [p.kind, p.type, p.reason])).toEqual([
      ['http', 'never', 'not a valid URL'],
      ['http', 'never', 'not a valid URL'],
      ['http', 'never', 'not a valid URL'],
    ]);
  });
});

describe('planLinks and links that show a web address', () => {
  const html =
    '<a href="https://calendly.com/ann/30min">https://calendly.com/ann/30min</a> ' +
    '<a href="http://acme.example/pricing">acme.example/pricing</a> <a href="https://docs.example.com/deck">the deck</a> ' +
    '<a href="https://zoom.us/j/1">join</a><a href="https://zoom.us/j/1"> HTTPS://zoom.us/j/1 </a>';
  const scan = scanLinks(html);

  it('leaves a link whose text is an http(s) address untracked, saying why: rewritten, text and target would differ', () => {
    const plan = byUrl(planLinks(scan, { trackClicks: true }));
    expect(plan.get('https://calendly.com/ann/30min')).toMatchObject({ type: 'never', reason: REASONS.showsAddress });
    expect(plan.get('https://zoom.us/j/1')).toMatchObject({ type: 'never', reason: REASONS.showsAddress }); // one occurrence shows it
    expect(plan.get('http://acme.example/pricing')?.type).toBe('tracked'); // no scheme in the text: no rule compares it
    expect(plan.get('https://docs.example.com/deck')?.type).toBe('tracked');
  });

  it('tracks it when the sender asks, and says clicks are off when they are', () => {
    const asked = byUrl(planLinks(scan, { trackClicks: true, overrides: { 'https://calendly.com/ann/30min': 'tracked' } }));
    expect(asked.get('https://calendly.com/ann/30min')?.type).toBe('tracked');
    const off = byUrl(planLinks(scan, { trackClicks: false }));
    expect(off.get('https://calendly.com/ann/30min')).toMatchObject({ type: 'never', reason: REASONS.clicksOff });
  });
});
