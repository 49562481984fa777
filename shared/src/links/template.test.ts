import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUrl } from './url.ts';
import { mergeTagLinks } from './fixtures/merge-tag-links.ts';
import { planLinks } from './plan.ts';
import { rewriteLinks } from './rewrite.ts';
import { scanLinks } from './scan.ts';
import { expandTemplate, slotCount, tagParams, tagValuesFromQuery, toTemplate, withTagParams } from './template.ts';

describe('toTemplate and tagParams', () => {
  it('replaces each distinct tag by a numbered slot and lists the tags literally', () => {
    expect(toTemplate('https://x.test/p/*|ID|*?n=*|FNAME|*&again=*|ID|*')).toEqual({
      template: 'https://x.test/p/{{0}}?n={{1}}&again={{0}}',
      tags: ['*|ID|*', '*|FNAME|*'],
    });
    expect(toTemplate('https://x.test/plain')).toEqual({ template: 'https://x.test/plain', tags: [] });
  });

  it('writes the tags literally as m0, m1 … so the ESP still sees and expands them', () => {
    expect(tagParams(['*|FNAME|*', '{{ contact.email }}'])).toBe('?m0=*|FNAME|*&m1={{ contact.email }}');
    expect(tagParams([])).toBe('');
    expect(withTagParams('https://c.test/c/tok', ['%%Key%%'])).toBe('https://c.test/c/tok?m0=%%Key%%');
    expect(withTagParams('https://c.test/c?t=tok', ['%%Key%%'])).toBe('https://c.test/c?t=tok&m0=%%Key%%');
  });

  it('reads the values back, keeping + and tolerating bad escapes and missing parameters', () => {
    expect(tagValuesFromQuery('?m1=b%40x.test&m0=ann+news@x.test&m9=no&m2=%E0%A4', 4)).toEqual(['ann+news@x.test', 'b@x.test', '%E0%A4', '']);
  });
});

describe('expandTemplate', () => {
  it('percent-encodes each value for the part of the URL its slot is in', () => {
    expect(expandTemplate('https://x.test/u/{{0}}?n={{1}}#s={{2}}', ['a/b c', 'Tom & Jerry', 'x/y?z'])).toBe(
      'https://x.test/u/a%2Fb%20c?n=Tom%20%26%20Jerry#s=x/y?z',
    );
  });

  it('never changes the origin: a slot in the scheme or host is refused', () => {
    expect(expandTemplate('https://{{0}}/x', ['shop.example.com'])).toBeNull();
    expect(expandTemplate('https://shop.{{0}}.com/x', ['example'])).toBeNull();
    expect(expandTemplate('https://{{0}}@shop.example.com/', ['me'])).toBeNull();
    expect(expandTemplate('{{0}}', ['https://evil.test/'])).toBeNull();
  });

  it('cannot be pushed off-origin by a value, whatever it holds', () => {
    for (const value of ['//evil.test/', '@evil.test', '\\\\evil.test', 'https://evil.test', '../../..', '\uD800', '#x?y']) {
      const out = expandTemplate('https://shop.example.com/{{0}}?q={{0}}', [value]);
      expect(out && parseUrl(out)!.origin).toBe('https://shop.example.com');
    }
  });

  it('keeps the origin of every ESP template whatever the recipient values hold (property)', () => {
    const templates = Object.values(mergeTagLinks).map((url) => toTemplate(url).template);
    const values = fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 3 });
    fc.assert(
      fc.property(fc.constantFrom(...templates), values, (template, given) => {
        const out = expandTemplate(template, given);
        expect(out && parseUrl(out)?.origin).toBe('https://shop.example.com');
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses templates that are not absolute http(s) URLs', () => {
    expect(expandTemplate('mailto:{{0}}', ['a@b.test'])).toBeNull();
    expect(expandTemplate('/relative/{{0}}', ['a'])).toBeNull();
  });
});

describe('merge tags end to end', () => {
  /** What the collector does: sign the template (here: keep it in a table), append the tags. */
  function register(html: string) {
    const templates: string[] = [];
    const scan = scanLinks(html);
    const out = rewriteLinks(html, scan, planLinks(scan, { trackClicks: true }), {
      trackedUrl: (link) => {
        const { template, tags } = toTemplate(link.url);
        return withTagParams(`https://beacon.example/c/${templates.push(template) - 1}`, tags);
      },
    });
    return { out, templates };
  }
  /** What the ESP does when it sends: replace each merge tag in the HTML source by the recipient's value. */
  const send = (html: string, values: Record<string, string>) => Object.entries(values).reduce((h, [tag, value]) => h.split(tag).join(value), html);
  /** What the collector does on a click. */
  function click(href: string, templates: string[]) {
    const url = parseUrl(href)!;
    const template = templates[Number(url.pathname.split('/').pop())]!;
    return expandTemplate(template, tagValuesFromQuery(url.search, slotCount(template)));
  }

  it('keeps every ESP tag literally in the new href, and a click reaches the destination with the values in place', () => {
    const html = Object.values(mergeTagLinks)
      .map((u) => `<a href="${u.replace(/&/g, '&amp;')}">go</a>`)
      .join('\n');
    const { out, templates } = register(html);
    for (const tag of Object.values(mergeTagLinks).flatMap((url) => toTemplate(url).tags)) expect(out).toContain(tag);
    const values = {
      '*|FNAME|*': 'Zoë',
      '*|UNIQID|*': 'u1',
      '{{ contact.email }}': 'ann+news@x.test',
      '{{ company.name }}': 'Acme Ltd',
      '%%SubscriberKey%%': 'SK 9',
      '%%=v(@source)=%%': 'mail',
      '[[FIRSTNAME]]': 'Ann',
      '{$email}': 'e@x.test',
      '%EMAIL%': 'f@x.test',
      '%CONTACTID%': '42',
      '%recipient.id%': 'r/7',
      '{% first_name %}': 'Bo',
      '{{${user_id}}}': 'b1',
      '{{{email}}}': 'g@x.test',
      '{{first_name}}': 'Cy',
    };
    const sent = scanLinks(send(out, values)).links.map((l) => click(l.url, templates));
    expect(sent).toEqual([
      'https://shop.example.com/welcome?name=Zo%C3%AB&id=u1',
      'https://shop.example.com/account?email=ann%2Bnews%40x.test&co=Acme%20Ltd',
      'https://shop.example.com/p/SK%209?src=mail',
      'https://shop.example.com/?first=Ann',
      'https://shop.example.com/?e=e%40x.test',
      'https://shop.example.com/?e=f%40x.test&c=42',
      'https://shop.example.com/u/r%2F7',
      'https://shop.example.com/?t=Bo',
      'https://shop.example.com/?u=b1',
      'https://shop.example.com/?e=g%40x.test#Cy',
    ]);
  });

  it('loses no more than the direct link would when an ESP writes a raw & into a value', () => {
    const { out, templates } = register('<a href="https://shop.example.com/?co={{ company.name }}&amp;x=1">go</a>');
    const href = scanLinks(send(out, { '{{ company.name }}': 'A&B' })).links[0]!.url;
    const direct = parseUrl('https://shop.example.com/?co=A&B&x=1')!.searchParams.get('co');
    expect(parseUrl(click(href, templates)!)!.searchParams.get('co')).toBe(direct);
  });

  it('counts the slots of a template', () => {
    expect(slotCount(toTemplate(mergeTagLinks.sendgrid).template)).toBe(2);
    expect(slotCount('https://x.test/')).toBe(0);
  });
});
