import { describe, expect, it } from 'vitest';
import { REASONS } from '@beacon/shared/links/validate';
import { linkReasonText } from './link-reasons';

describe('why a link is not tracked, in the user’s language', () => {
  it('has a message for every reason the link engine gives', () => {
    for (const [name, reason] of Object.entries(REASONS)) {
      const english = typeof reason === 'function' ? reason('ftp') : reason;
      // English repeats the engine's words, so each comes back as it went in, through its message (a missing one gives '').
      expect(linkReasonText(english), name).toBe(english);
    }
  });

  it('keeps a reason it does not know as the engine said it', () => {
    expect(linkReasonText('a reason from a newer engine')).toBe('a reason from a newer engine');
  });
});
