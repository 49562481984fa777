const ENTITY: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '>': '&gt;' };
export const DOUBLE = /[&"]/g;
export const SINGLE = /[&']/g;
// Inside an Outlook conditional comment a `>` could end the comment (`-->`), whatever the quoting.
export const DOUBLE_MSO = /[&">]/g;
export const SINGLE_MSO = /[&'>]/g;

/** `value` with the characters `chars` matches written as entities, for an attribute value. */
export function escapeWith(value: string, chars: RegExp): string {
  // `test` leaves lastIndex past a match only when `replace`, which starts from 0 and resets it, follows.
  return chars.test(value) ? value.replace(chars, (c) => ENTITY[c] ?? c) : value;
}
