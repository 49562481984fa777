import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutText, hasLoneSurrogate, storableText, wellFormed } from './text.ts';

describe('text kept for storage', () => {
  it('never cuts an emoji in half', () => {
    expect(cutText('ab😀', 3)).toBe('ab');
    expect(cutText('ab😀', 4)).toBe('ab😀');
    expect(cutText('abc', 2)).toBe('ab');
  });

  it('replaces lone surrogates and NUL, so Postgres takes any text', () => {
    expect(wellFormed('a\uD83Db')).toBe('a\uFFFDb');
    expect(wellFormed('\uDE00x')).toBe('\uFFFDx');
    expect(storableText('a\u0000b\uD800', 10)).toBe('a\uFFFDb\uFFFD');
  });

  it('gives well-formed text of at most the bound for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (s, max) => {
        const out = storableText(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(hasLoneSurrogate(out)).toBe(false);
        expect(out.includes('\u0000')).toBe(false);
        expect(() => encodeURIComponent(out)).not.toThrow();
      }),
    );
  });
});
