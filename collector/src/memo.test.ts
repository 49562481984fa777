import { describe, expect, it } from 'vitest';
import { memoize } from './memo.ts';

describe('memoize', () => {
  it('computes a key once, and again only after it was forgotten to stay within its bound', () => {
    const computed: string[] = [];
    const upper = memoize(3, (k) => {
      computed.push(k);
      return k.toUpperCase();
    });
    expect(['a', 'b', 'a', 'c', 'b'].map(upper)).toEqual(['A', 'B', 'A', 'C', 'B']);
    expect(computed).toEqual(['a', 'b', 'c']);
    upper('d'); // full: 'a', remembered longest, is forgotten
    expect(upper('b')).toBe('B');
    expect(upper('a')).toBe('A');
    expect(computed).toEqual(['a', 'b', 'c', 'd', 'a']);
  });

  it('does not remember a null answer, so keys seen once cannot push the others out', () => {
    const computed: string[] = [];
    const genuine = memoize(2, (k) => {
      computed.push(k);
      return k.startsWith('ok') ? k : null;
    });
    expect(['ok1', 'forged1', 'forged2', 'forged3', 'ok1', 'forged1'].map(genuine)).toEqual(['ok1', null, null, null, 'ok1', null]);
    expect(computed).toEqual(['ok1', 'forged1', 'forged2', 'forged3', 'forged1']);
  });
});
