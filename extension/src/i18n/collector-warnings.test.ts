import { describe, expect, it } from 'vitest';
import { warningText } from './collector-warnings';

describe('a registration warning, in the user’s language', () => {
  it('is said from its code, with the expressions the collector named', () => {
    expect(warningText({ code: 'unresolved_expression', message: '{{recipient.firstName}}, {{sender.name}} left as written: the value is not known' }, 1)).toBe(
      '{{recipient.firstName}}, {{sender.name}} left as written: the value is not known.',
    );
    expect(warningText({ code: 'shared_pixel', message: '3 recipients share one open pixel …' }, 3)).toBe(
      '3 recipients share one open pixel and one set of links: opens and clicks are counted per message, not per person.',
    );
  });

  it("keeps the collector's words for a code it does not know", () => {
    expect(warningText({ code: 'new_kind', message: 'Something new.' }, 1)).toBe('Something new.');
  });
});
