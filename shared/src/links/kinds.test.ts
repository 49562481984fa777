import { describe, expect, it } from 'vitest';
import { classifyUrl } from './kinds.ts';
import { isTrackableUrl, REASONS, trackingRefusal } from './validate.ts';

describe('classifyUrl', () => {
  it.each([
    ['https://x.test/', 'http'],
    ['HTTP://X.TEST', 'http'],
    ['mailto:a@b.test', 'mailto'],
    ['MailTo:a@b.test', 'mailto'],
    ['tel:+1555', 'tel'],
    ['sms:+1555', 'sms'],
    ['#section-2', 'fragment'],
    ['#', 'fragment'],
    ['javascript:void(0)', 'javascript'],
    ['jav\tascr\nipt:alert(1)', 'javascript'],
    ['data:text/html;base64,PGI+', 'data'],
    ['', 'empty'],
    ['{{unsubscribe_url}}', 'unsubscribe'],
    ['{{mirror_url}}', 'mirror'],
    ['{{ unsubscribe_url }}', 'merge-tag'],
    ['*|UNSUB|*', 'merge-tag'],
    ['%%view_email_url%%', 'merge-tag'],
    ['{{ links.preferences }}?src=mail', 'merge-tag'],
    ['/path', 'other'],
    ['//cdn.test/x', 'other'],
    ['www.example.com', 'other'],
    ['ftp://f.test/', 'other'],
    ['1http://x.test', 'other'],
    ['{{recipient.email}}', 'other'],
  ] as const)('%j is %s', (url, kind) => {
    expect(classifyUrl(url)).toBe(kind);
  });
});

describe('validation', () => {
  it('accepts only absolute http(s) URLs with a host as tracked destinations', () => {
    expect(isTrackableUrl('https://shop.example.com/a?b=c#d')).toBe(true);
    expect(isTrackableUrl('http://127.0.0.1:8080/')).toBe(true);
    expect(isTrackableUrl('https://shop.example.com/?e={{ contact.email }}')).toBe(true);
    expect(isTrackableUrl('http:///x')).toBe(true); // browsers read it as http://x/
    for (const url of ['https://', 'https://exa mple.com', 'http://[::1', 'mailto:a@b.test', 'javascript:x', '/a', 'www.x.test', '']) {
      expect(isTrackableUrl(url)).toBe(false);
    }
  });

  it('gives a reason for every refusal and none for trackable links', () => {
    expect(trackingRefusal('http', 'https://x.test/')).toBeUndefined();
    expect(trackingRefusal('unsubscribe', '{{unsubscribe_url}}')).toBeUndefined();
    expect(trackingRefusal('other', 'tg://resolve')).toBe('tg: links cannot be tracked');
    expect(trackingRefusal('other', 'www.x.test')).toBe(REASONS.relative);
    expect(trackingRefusal('http', 'https://*|HOST|*/')).toBe(REASONS.tagInOrigin);
    expect(trackingRefusal('http', 'http://[bad/')).toBe(REASONS.invalid);
  });
});
