import { describe, expect, it } from 'vitest';
import { createFormat } from './format';

const at = '2025-03-14T15:30:20Z';
const now = Date.parse(at);

describe('popup formatting', () => {
  it("writes numbers and rates the way the user's locale does", () => {
    const us = createFormat('en-US');
    const de = createFormat('de-DE');
    expect(us.number(1234567)).toBe('1,234,567');
    expect(de.number(1234567)).toBe('1.234.567');
    expect(us.percent(0.4321)).toBe('43.2%');
    expect(de.percent(0.4321)).toBe('43,2\u00a0%'); // a no-break space, as German typesetting wants
    expect(us.percent(0)).toBe('0%');
  });

  it("shows times in the user's time zone", () => {
    expect(createFormat('en-US', 'America/New_York').dateTime(at)).toBe('Mar 14, 2025, 11:30 AM');
    expect(createFormat('de-DE', 'Europe/Berlin').dateTime(at)).toBe('14.03.2025, 16:30');
  });

  it('says recent times relative to now, and older ones as a date', () => {
    const us = createFormat('en-US', 'UTC');
    expect(us.relative(new Date(now - 10_000).toISOString(), now)).toBe('now');
    expect(us.relative(new Date(now - 5 * 60_000).toISOString(), now)).toBe('5 min. ago');
    expect(us.relative(new Date(now - 3 * 3_600_000).toISOString(), now)).toBe('3 hr. ago');
    expect(us.relative(new Date(now - 26 * 3_600_000).toISOString(), now)).toBe('yesterday');
    expect(us.relative(new Date(now - 30 * 86_400_000).toISOString(), now)).toBe('Feb 12, 2025, 3:30 PM');
    expect(createFormat('de-DE').relative(new Date(now - 5 * 60_000).toISOString(), now)).toBe('vor 5 Min.');
  });

  it('names recipients by name when known, and counts the rest', () => {
    const f = createFormat('en-US');
    const list = [{ email: 'ann@x.example', name: 'Ann Lee' }, { email: 'bob@x.example' }, { email: 'cy@x.example' }, { email: 'di@x.example' }];
    expect(f.recipients(list.slice(0, 2))).toBe('Ann Lee, bob@x.example');
    expect(f.recipients(list)).toBe('Ann Lee, bob@x.example +2');
  });
});
