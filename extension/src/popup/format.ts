import { browser } from 'wxt/browser';
import type { Recipient } from '@beacon/shared/api/messages';

export interface Format {
  locale: string;
  number(n: number): string;
  /** 0.4321 -> "43.2%" */
  percent(ratio: number): string;
  /** Date and time in the user's time zone. */
  dateTime(iso: string): string;
  /** The date alone. */
  date(iso: string): string;
  /** "5 min ago", "yesterday"; the date itself past a week. */
  relative(iso: string, now?: number): string;
  recipients(list: Recipient[], max?: number): string;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

/** The browser's UI language: Beacon's strings follow it, so its numbers and dates do too. */
export const uiLocale = (): string => browser.i18n.getUILanguage();

/** Numbers and times for a locale and time zone (undefined: the browser's own time zone). */
export function createFormat(locale: string, timeZone?: string): Format {
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const days = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const relatives = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  return {
    locale,
    number: (n) => numbers.format(n),
    percent: (ratio) => percents.format(ratio),
    dateTime: (iso) => dates.format(new Date(iso)),
    date: (iso) => days.format(new Date(iso)),
    relative(iso, now = Date.now()) {
      let delta = (new Date(iso).getTime() - now) / 1000;
      if (Math.abs(delta) < 45) return relatives.format(0, 'second');
      for (const [unit, size] of UNITS) {
        if (Math.abs(delta) < size) return relatives.format(Math.round(delta), unit);
        delta /= size;
      }
      return dates.format(new Date(iso));
    },
    recipients(list, max = 2) {
      const names = list.map((r) => r.name?.trim() || r.email);
      if (names.length <= max) return names.join(', ');
      return `${names.slice(0, max).join(', ')} +${numbers.format(names.length - max)}`;
    },
  };
}

/** The popup's formatter: the browser's UI language and time zone. */
export const format = createFormat(uiLocale());
