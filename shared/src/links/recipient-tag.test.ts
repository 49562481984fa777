import { describe, expect, it } from 'vitest';
import { recipientFromQuery, withRecipientTag } from './recipient-tag.ts';

describe('recipient merge tag', () => {
  it('is appended literally, after any query the URL has, so the ESP sees and expands it', () => {
    expect(withRecipientTag('https://c.example/o/tok.gif', '*|EMAIL|*')).toBe('https://c.example/o/tok.gif?r=*|EMAIL|*');
    expect(withRecipientTag('https://c.example/c/tok?m0=*|FNAME|*', '{{ contact.email }}')).toBe('https://c.example/c/tok?m0=*|FNAME|*&r={{ contact.email }}');
    expect(withRecipientTag('https://c.example/c/tok', undefined)).toBe('https://c.example/c/tok');
  });

  it('reads back the address the ESP wrote, encoded or raw, plus signs kept', () => {
    expect(recipientFromQuery('?r=ann%40example.com')).toBe('ann@example.com');
    expect(recipientFromQuery('m0=x&r=bob+news@example.com')).toBe('bob+news@example.com');
    expect(recipientFromQuery('?rr=1&r=%E0%A4%A')).toBe('%E0%A4%A');
    expect(recipientFromQuery('?m0=1')).toBe('');
    expect(recipientFromQuery('')).toBe('');
  });
});
