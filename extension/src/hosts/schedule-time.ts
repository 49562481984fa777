/**
 * The time a host's schedule dialog shows ("Dec 7, 8:00 AM", "7. Dez., 08:00", "Tue 12/8/2026 8:00 AM",
 * "mar. 08/12/2026 08:00"), read in the page's language with the browser's own names for months, weekdays and
 * day periods, so no host language needs a table here. Local time, as the host shows it. Null when unreadable.
 */
export function readScheduleTime(text: string, lang: string, now: Date): number | null {
  const names = namesFor(lang);
  let rest = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  const time = /(\d{1,2})\s*[:h]\s*(\d{2})/.exec(rest);
  if (!time) return null;
  // The day period sits right after the time ("8:00 AM", "8:00 p. m.") or right before it ("오전 8:00").
  const end = time.index + time[0].length;
  const after = rest.slice(end, end + 8).replace(/[.\s]/g, '');
  const before = rest.slice(Math.max(0, time.index - 6), time.index).replace(/[.\s]/g, '');
  const isPeriod = (list: string[]) => list.some((p) => after.startsWith(p) || before.endsWith(p));
  rest = rest.replace(time[0], ' ');
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const words = rest
    .replace(/\./g, '')
    .split(/[^\p{L}\d]+/u)
    .filter(Boolean);
  if (hour <= 12 && isPeriod(names.pm)) hour = hour === 12 ? 12 : hour + 12;
  else if (hour === 12 && isPeriod(names.am)) hour = 0;
  if (hour > 23 || minute > 59) return null;

  const date = monthNameDate(words, names.months) ?? numericDate(rest, names.order);
  if (date) {
    const year = date.year ?? nextYear(now, date.month, date.day);
    const at = new Date(year, date.month, date.day, hour, minute);
    return at.getMonth() === date.month ? at.getTime() : null;
  }
  const weekday = words.map((w) => names.weekdays.findIndex((names) => names.some((n) => w.startsWith(n)))).find((i) => i >= 0);
  const at = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hour, minute);
  if (weekday !== undefined) {
    at.setDate(at.getDate() + ((weekday - at.getDay() + 7) % 7));
    if (at.getTime() <= now.getTime()) at.setDate(at.getDate() + 7);
  } else if (at.getTime() <= now.getTime()) {
    at.setDate(at.getDate() + 1); // a time alone is the next such time
  }
  return at.getTime();
}

interface DateParts {
  year?: number;
  month: number;
  day: number;
}

function monthNameDate(words: string[], months: string[][]): DateParts | null {
  const index = words.findIndex((w) => months.some((names) => names.some((n) => w.startsWith(n))));
  if (index < 0) return null;
  const month = months.findIndex((names) => names.some((n) => words[index]!.startsWith(n)));
  const numbers = words.filter((w) => /^\d+$/.test(w)).map(Number);
  const day = numbers.find((n) => n >= 1 && n <= 31);
  const year = numbers.find((n) => n >= 1970);
  if (day === undefined) return null;
  return year === undefined ? { month, day } : { month, day, year };
}

function numericDate(text: string, order: ('day' | 'month' | 'year')[]): DateParts | null {
  const match = /(\d{1,4})[./-](\d{1,2})(?:[./-](\d{2,4}))?/.exec(text);
  if (!match) return null;
  const values = [match[1], match[2], match[3]].filter((v): v is string => v !== undefined).map(Number);
  const fields = values.length === 3 ? order : order.filter((f) => f !== 'year');
  const part = (f: 'day' | 'month' | 'year') => values[fields.indexOf(f)];
  const day = part('day');
  const month = part('month');
  let year = part('year');
  if (day === undefined || month === undefined || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (year !== undefined && year < 100) year += 2000;
  return year === undefined ? { month: month - 1, day } : { month: month - 1, day, year };
}

/** The first year in which that day is not already past. */
function nextYear(now: Date, month: number, day: number): number {
  const thisYear = new Date(now.getFullYear(), month, day + 1);
  return thisYear.getTime() > now.getTime() ? now.getFullYear() : now.getFullYear() + 1;
}

interface Names {
  months: string[][];
  weekdays: string[][];
  am: string[];
  pm: string[];
  order: ('day' | 'month' | 'year')[];
}

const cache = new Map<string, Names>();
function namesFor(lang: string): Names {
  const known = cache.get(lang);
  if (known) return known;
  const locale = Intl.DateTimeFormat.supportedLocalesOf([lang]).length ? lang : 'en';
  const clean = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[.\s]/g, '');
  const part = (options: Intl.DateTimeFormatOptions, date: Date, type: Intl.DateTimeFormatPartTypes) =>
    clean(new Intl.DateTimeFormat(locale, options).formatToParts(date).find((p) => p.type === type)?.value ?? '');
  const unique = (list: string[]) => [...new Set(list.filter((s) => s.length >= 2))];
  const months = Array.from({ length: 12 }, (_, m) => {
    const d = new Date(2021, m, 15);
    return unique([
      part({ month: 'long' }, d, 'month'),
      part({ month: 'short' }, d, 'month'),
      part({ month: 'long', day: 'numeric' }, d, 'month'),
      part({ month: 'short', day: 'numeric' }, d, 'month'),
    ]);
  });
  // 2021-03-07 was a Sunday (getDay 0).
  const weekdays = Array.from({ length: 7 }, (_, w) => {
    const d = new Date(2021, 2, 7 + w);
    return unique([part({ weekday: 'long' }, d, 'weekday'), part({ weekday: 'short' }, d, 'weekday')]);
  });
  const period = (hour: number) => part({ hour: 'numeric', hour12: true }, new Date(2021, 0, 1, hour), 'dayPeriod');
  const order = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date(2021, 0, 2))
    .flatMap((p) => (p.type === 'day' || p.type === 'month' || p.type === 'year' ? [p.type] : []));
  const names: Names = { months, weekdays, am: unique([period(8), 'am']), pm: unique([period(20), 'pm']), order };
  cache.set(lang, names);
  return names;
}
