/**
 * Free text headed for storage or JSON: browsers, mail clients and ESPs hand us any UTF-16, and Postgres refuses
 * a lone surrogate in json and a NUL anywhere. Used wherever the collector keeps or cuts text it did not check.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** `s` with each lone surrogate replaced by U+FFFD (what `String.prototype.toWellFormed` does, on every runtime). */
export function wellFormed(s: string): string {
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATES, '\uFFFD') : s;
}

/** At most `max` UTF-16 units of `s`, never ending in half a surrogate pair. */
export function cutText(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** Text that Postgres stores as it is: well-formed, NUL replaced by U+FFFD (as the binary COPY does), at most `max` units. */
export function storableText(s: string, max: number): string {
  const clean = wellFormed(s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s);
  return cutText(clean, max);
}
