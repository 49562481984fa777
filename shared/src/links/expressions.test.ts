import { describe, expect, it } from 'vitest';
import { parseUrl } from './url.ts';
import { findExpressions, resolveExpressions } from './expressions.ts';

describe('findExpressions', () => {
  it("finds Beacon's expressions with their positions", () => {
    const text = 'Hi {{recipient.firstName}}, about {{message.subject}}';
    expect(findExpressions(text).map((e) => [e.name, text.slice(e.start, e.end)])).toEqual([
      ['recipient.firstName', '{{recipient.firstName}}'],
      ['message.subject', '{{message.subject}}'],
    ]);
  });

  it('ignores spaced or unknown names: those belong to the ESP', () => {
    expect(findExpressions('{{ recipient.email }} {{recipient.phone}} {{contact.email}}')).toEqual([]);
  });
});

describe('resolveExpressions', () => {
  it('puts each value in the URL percent-encoded', () => {
    const out = resolveExpressions('https://x.test/u?e={{recipient.email}}&s={{message.subject}}', {
      'recipient.email': 'ann+news@example.com',
      'message.subject': 'Q3 plan & pricing?',
    });
    expect(out).toEqual({ url: 'https://x.test/u?e=ann%2Bnews%40example.com&s=Q3%20plan%20%26%20pricing%3F', unresolved: [] });
    expect(parseUrl(out.url)!.searchParams.get('s')).toBe('Q3 plan & pricing?');
  });

  it('reports an expression with no value once, and keeps it in the URL rather than dropping it', () => {
    const out = resolveExpressions('https://x.test/?n={{recipient.name}}&again={{recipient.name}}&e={{recipient.email}}', {
      'recipient.email': 'a@b.test',
    });
    expect(out.unresolved).toEqual(['recipient.name']);
    expect(out.url).toBe('https://x.test/?n={{recipient.name}}&again={{recipient.name}}&e=a%40b.test');
  });

  it('does not read values from Object.prototype', () => {
    expect(resolveExpressions('{{sender.email}}', {}).unresolved).toEqual(['sender.email']);
  });
});
