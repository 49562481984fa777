import { BEACON_PLACEHOLDERS } from './placeholders.ts';
import { EXPRESSION_TAGS } from './expressions.ts';

/**
 * ESP merge tags, most specific form first (the regex tries alternatives left to right at each position):
 * - AMPscript inline `%%=v(@x)=%%` and blocks `%%[ … ]%%`, then Marketing Cloud `%%SubscriberKey%%`
 * - Mailchimp `*|FNAME|*`, `*|IF:X|*`
 * - Handlebars / Liquid / Jinja output `{{ contact.email }}`, `{{{unsubscribe}}}`, Braze `{{${user_id}}}`, Liquid tags `{% … %}`
 * - Constant Contact style `[[FIRSTNAME]]`, MailerLite `{$name}`
 * - ActiveCampaign `%FIRSTNAME%` and Mailgun `%recipient.name%`: single-percent forms, only when the first two
 *   characters are not hex digits, so percent-encoding such as `%C3%A9t%` is not taken for a tag.
 * Campaign Monitor's `[firstname]` is left out: single brackets also appear in ordinary query strings (`a[]=1`).
 */
const MERGE_TAG = new RegExp(
  [
    String.raw`%%=[^]{1,300}?=%%`,
    String.raw`%%\[[^]{1,500}?\]%%`,
    String.raw`%%[A-Za-z_][\w.\- ]{0,100}%%`,
    String.raw`\*\|[^|<>"]{1,100}?\|\*`,
    String.raw`\{\{\{[^{}]{1,200}\}\}\}`,
    String.raw`\{\{(?:[^{}]|\{[^{}]{0,100}\}){1,200}?\}\}`,
    String.raw`\{%[^]{1,300}?%\}`,
    String.raw`\[\[[^\[\]]{1,100}\]\]`,
    String.raw`\{\$[A-Za-z_][\w.]{0,100}\}`,
    String.raw`%(?![0-9A-Fa-f]{2})[A-Za-z_][\w.\-]{2,60}%`,
  ].join('|'),
  'g',
);

/** Every merge tag form contains one of these pairs; most URLs hold none, and this is much cheaper to test. */
const MAY_HOLD_TAG = /\*\||\{[{%$]|%[%A-Za-z_]|\[\[/;

/** Beacon's own forms look like Handlebars but are resolved by Beacon, not the ESP. */
const BEACON_OWN = new Set<string>([...EXPRESSION_TAGS, BEACON_PLACEHOLDERS.unsubscribe, BEACON_PLACEHOLDERS.mirror]);

export interface FoundMergeTag {
  tag: string;
  start: number;
  end: number;
}

/**
 * Where a tag form scans ahead (`%%[ … ]%%` up to 500 characters, `*| … |*`, `{{ … }}`): a text with more of these
 * openings than any real link has is not read for tags at all, so the scan's cost stays bounded (a 4.8 MB href of
 * `%%[` took 5 s). Such a link is not trackable (see validate.ts).
 */
export const MAX_TAG_OPENINGS = 64;
const OPENING = /%%|\*\||\{[{%]/g;

export function hasTooManyTagOpenings(text: string): boolean {
  OPENING.lastIndex = 0;
  for (let n = 0; OPENING.exec(text); n++) if (n >= MAX_TAG_OPENINGS) return true;
  return false;
}

/** Every ESP merge tag in `text`, in order (Beacon's own expressions and placeholders excluded). */
export function findMergeTags(text: string): FoundMergeTag[] {
  const found: FoundMergeTag[] = [];
  if (!MAY_HOLD_TAG.test(text) || hasTooManyTagOpenings(text)) return found;
  for (const m of text.matchAll(MERGE_TAG)) {
    if (!BEACON_OWN.has(m[0])) found.push({ tag: m[0], start: m.index, end: m.index + m[0].length });
  }
  return found;
}

export function hasMergeTag(text: string): boolean {
  return findMergeTags(text).length > 0;
}

const MERGE_TAG_HERE = new RegExp(MERGE_TAG.source, 'y');

/** True when `url` begins with a merge tag, so the ESP decides the scheme and host (`*|ARCHIVE|*`, `{{ link }}/x`). */
export function startsWithMergeTag(url: string): boolean {
  MERGE_TAG_HERE.lastIndex = 0;
  const first = MERGE_TAG_HERE.exec(url);
  return first !== null && !BEACON_OWN.has(first[0]);
}
