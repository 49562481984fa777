import { describe, expect, it } from 'vitest';
import { PAGE_LOCALES } from '../locale.ts';
import { PAGE_TEXTS, pageHtml } from './index.ts';

const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("recipient pages' texts", () => {
  it.each(PAGE_LOCALES.filter((l) => l !== 'en'))('%s has every English text, none empty, with the same {slots}', (locale) => {
    const texts = PAGE_TEXTS[locale];
    expect(Object.keys(texts).sort()).toEqual(Object.keys(PAGE_TEXTS.en).sort());
    for (const [key, english] of Object.entries(PAGE_TEXTS.en)) {
      const text = texts[key as keyof typeof texts];
      expect(text.trim(), `${locale}.${key}`).not.toBe('');
      expect(slots(text), `${locale}.${key}`).toEqual(slots(english));
    }
  });

  it('escape their words as HTML but not the HTML filled into them', () => {
    expect(pageHtml('en', 'alreadyText', { email: '<strong>a@x</strong>', who: 'A &amp; B' })).toBe('<strong>a@x</strong> gets no more emails from A &amp; B.');
    expect(pageHtml('fr', 'notFoundText')).toContain('n’est pas valide');
  });
});
