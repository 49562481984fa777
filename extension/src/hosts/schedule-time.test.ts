import { describe, expect, it } from 'vitest';
import { readScheduleTime } from './schedule-time';

// Sunday 6 December 2026, 16:50 local time.
const now = new Date(2026, 11, 6, 16, 50);
const local = (...parts: [number, number, number, number, number]) => new Date(...parts).getTime();

describe('reading the time a schedule dialog shows', () => {
  it("reads Gmail's presets and its date and time fields, in English and German", () => {
    expect(readScheduleTime('Dec 7, 8:00 AM', 'en', now)).toBe(local(2026, 11, 7, 8, 0));
    expect(readScheduleTime('Dec 7, 1:00 PM', 'en-US', now)).toBe(local(2026, 11, 7, 13, 0));
    expect(readScheduleTime('Dec 24, 2026 12:30 AM', 'en', now)).toBe(local(2026, 11, 24, 0, 30));
    expect(readScheduleTime('7. Dez., 08:00', 'de', now)).toBe(local(2026, 11, 7, 8, 0));
    expect(readScheduleTime('07.12.2026 13:00', 'de', now)).toBe(local(2026, 11, 7, 13, 0));
  });

  it("reads Outlook's weekday presets and its numeric dates in the page's order", () => {
    expect(readScheduleTime('Mon 8:00 AM', 'en-US', now)).toBe(local(2026, 11, 7, 8, 0));
    expect(readScheduleTime('Tue 12/8/2026 8:00 AM', 'en-US', now)).toBe(local(2026, 11, 8, 8, 0));
    expect(readScheduleTime('mar. 08/12/2026 08:00', 'fr', now)).toBe(local(2026, 11, 8, 8, 0));
    expect(readScheduleTime('lun. 08:00', 'fr', now)).toBe(local(2026, 11, 7, 8, 0));
    expect(readScheduleTime('8:00 p. m.', 'es', now)).toBe(local(2026, 11, 6, 20, 0)); // a time alone: the next one
  });

  it('takes a date without a year as the next one to come', () => {
    expect(readScheduleTime('Jan 4, 9:15 AM', 'en', now)).toBe(local(2027, 0, 4, 9, 15));
    expect(readScheduleTime('Dec 6, 6:00 PM', 'en', now)).toBe(local(2026, 11, 6, 18, 0));
  });

  it('gives nothing for text without a readable time or date', () => {
    expect(readScheduleTime('Pick date & time', 'en', now)).toBeNull();
    expect(readScheduleTime('Feb 30, 8:00 AM', 'en', now)).toBeNull();
    expect(readScheduleTime('Dec 7, 25:00', 'en', now)).toBeNull();
  });
});
