// HTML escaping, once for the whole project: the recipients' pages (collector) and the link engine (links/).
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe in HTML, in an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return escapeWith(text, ALL);
}

const ALL = /[&<>"']/g;
/** For an attribute value the link engine rewrites: only what its quoting needs, so the rest stays byte for byte. */
export const DOUBLE = /[&"]/g;
export const SINGLE = /[&']/g;
// Inside an Outlook conditional comment a `>` could end the comment (`-->`), whatever the quoting.
export const DOUBLE_MSO = /[&">]/g;
export const SINGLE_MSO = /[&'>]/g;

/** `value` with the characters `chars` matches written as entities. */
export function escapeWith(value: string, chars: RegExp): string {
  // `test` leaves lastIndex past a match only when `replace`, which starts from 0 and resets it, follows.
  return chars.test(value) ? value.replace(chars, (c) => ENTITY[c] ?? c) : value;
}
