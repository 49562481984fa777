import { describe, expect, it } from 'vitest';
import { mergeTagLinks } from './fixtures/merge-tag-links.ts';
import { findMergeTags, hasMergeTag, hasTooManyTagOpenings, MAX_TAG_OPENINGS, startsWithMergeTag } from './merge-tags.ts';

const tags = (text: string) => findMergeTags(text).map((t) => t.tag);

describe('findMergeTags', () => {
  it('finds the merge tags of each ESP, in order', () => {
    expect(Object.fromEntries(Object.entries(mergeTagLinks).map(([esp, url]) => [esp, tags(url)]))).toEqual({
      mailchimp: ['*|FNAME|*', '*|UNIQID|*'],
      hubspot: ['{{ contact.email }}', '{{ company.name }}'],
      marketingCloud: ['%%SubscriberKey%%', '%%=v(@source)=%%'],
      constantContact: ['[[FIRSTNAME]]'],
      mailerlite: ['{$email}'],
      activeCampaign: ['%EMAIL%', '%CONTACTID%'],
      mailgun: ['%recipient.id%'],
      klaviyo: ['{% first_name %}'],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Braze's Liquid tags are written `{{${…}}}`.
      braze: ['{{${user_id}}}'],
      sendgrid: ['{{{email}}}', '{{first_name}}'],
    });
  });

  it('reports where each tag sits', () => {
    const url = 'https://x.test/?a=*|FNAME|*';
    const [found] = findMergeTags(url);
    expect(url.slice(found!.start, found!.end)).toBe('*|FNAME|*');
  });

  it("leaves Beacon's own expressions and placeholders to Beacon", () => {
    const own = '{{recipient.email}} {{recipient.name}} {{recipient.firstName}} {{sender.email}} {{message.subject}} {{unsubscribe_url}} {{mirror_url}}';
    expect(tags(own)).toEqual([]);
  });

  it('treats a Beacon-looking name with spaces inside as an ESP tag, as the platforms do', () => {
    expect(tags('https://x.test/?e={{ recipient.email }}')).toEqual(['{{ recipient.email }}']);
  });

  it('does not mistake percent-encoding, query arrays or IPv6 hosts for tags', () => {
    for (const url of [
      'https://x.test/caf%C3%A9%20ABC%20def',
      'https://x.test/?a%5B%5D=1&b=%E2%80%99s',
      'https://x.test/?f[]=1&g[a]=2',
      'https://[2001:db8::1]/p',
      'https://x.test/100%25',
    ]) {
      expect(tags(url)).toEqual([]);
    }
  });

  it('answers the two quick questions the rest of the engine asks', () => {
    expect(hasMergeTag('https://x.test/?a=*|A|*')).toBe(true);
    expect(hasMergeTag('https://x.test/?a=b')).toBe(false);
    expect(startsWithMergeTag('*|ARCHIVE|*')).toBe(true);
    expect(startsWithMergeTag('{{ view_in_browser_url }}/x')).toBe(true);
    expect(startsWithMergeTag('https://x.test/*|A|*')).toBe(false);
  });

  it('reads no tags in a text with more openings than any link has, so the scan stays cheap', () => {
    const openings = (n: number) => `https://x.test/?a=*|A|*&b=${'%%['.repeat(n)}`;
    expect(tags(openings(MAX_TAG_OPENINGS - 2))).toEqual(['*|A|*']);
    expect(hasTooManyTagOpenings(openings(MAX_TAG_OPENINGS))).toBe(true);
    expect(tags(openings(MAX_TAG_OPENINGS))).toEqual([]);
    expect(startsWithMergeTag(`*|A|*${'%%['.repeat(1_000_000)}`)).toBe(true);
    expect(startsWithMergeTag(`{{recipient.email}}/*|A|*`)).toBe(false); // Beacon's own expression
  });
});
