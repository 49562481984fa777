import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_LOCALES, pickLocale } from './locale.ts';

describe('the language of a recipient page', () => {
  it("is the recipient's highest-ranked language among English, Spanish, German and French", () => {
    expect(pickLocale('de-CH,de;q=0.9,en;q=0.8')).toBe('de');
    expect(pickLocale('ja,fr-CA;q=0.7,es;q=0.5')).toBe('fr');
    expect(pickLocale('en;q=0.3, es-419;q=0.9')).toBe('es');
    expect(pickLocale('FR')).toBe('fr');
  });

  it('is English with no header, no language of ours, or a header that makes no sense', () => {
    expect(pickLocale(undefined)).toBe('en');
    expect(pickLocale('')).toBe('en');
    expect(pickLocale('ja,zh-CN;q=0.8')).toBe('en');
    expect(pickLocale('de;q=0, *')).toBe('en');
    expect(pickLocale('de;q=abc')).toBe('en');
    expect(pickLocale('de;q=7')).toBe('en');
  });

  it('never throws, whatever the header holds, and reads only the start of a huge one', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (header) => PAGE_LOCALES.includes(pickLocale(header))));
    expect(pickLocale(`${'xx;q=0.1,'.repeat(200_000)}de`)).toBe('en');
    expect(pickLocale(`${'xx;q=0.1,'.repeat(31)}de`)).toBe('de');
    expect(pickLocale(`${'xx;q=0.1,'.repeat(32)}de`)).toBe('en');
  });
});
