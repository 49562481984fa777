import { findMergeTags } from './merge-tags.ts';
import { encodeForPart, normalizeHttpUrl, parseHttpUrl, partAt, originEnd } from './url.ts';

/*
 * Tracked-URL shape for destinations with ESP merge tags.
 *
 *   destination  https://shop.example/welcome?name=*|FNAME|*&e={{ contact.email }}
 *   template     https://shop.example/welcome?name={{0}}&e={{1}}        (signed / stored by the collector)
 *   tags         ['*|FNAME|*', '{{ contact.email }}']
 *   href         https://collector.example/c/<token>?m0=*|FNAME|*&m1={{ contact.email }}
 *
 * Each distinct tag travels literally as query parameter `m<i>` after the signed part, so the ESP expands it per
 * recipient; on a click the collector reads m0…mN (tagValuesFromQuery) and calls expandTemplate, which percent-encodes
 * each value for the part of the URL its slot sits in. The m-parameters are never signed: they only fill slots, and
 * expansion refuses any result whose origin differs from the template's, so they cannot redirect elsewhere.
 * Slots are written `{{<digits>}}`: such text is itself a merge tag, so a template's literal text never contains one.
 */

export const TAG_PARAM_PREFIX = 'm';
const SLOT = /\{\{(\d+)\}\}/g;

export interface UrlTemplate {
  template: string;
  /** Distinct merge tags, in order of first appearance; slot `{{i}}` stands for `tags[i]`. */
  tags: string[];
}

export function toTemplate(url: string): UrlTemplate {
  const tags: string[] = [];
  let template = '';
  let at = 0;
  for (const found of findMergeTags(url)) {
    let slot = tags.indexOf(found.tag);
    if (slot < 0) slot = tags.push(found.tag) - 1;
    template += `${url.slice(at, found.start)}{{${slot}}}`;
    at = found.end;
  }
  return { template: template + url.slice(at), tags };
}

/** How many values a template takes: one per distinct tag, so the highest slot number plus one. */
export function slotCount(template: string): number {
  let count = 0;
  for (const m of template.matchAll(SLOT)) count = Math.max(count, Number(m[1]) + 1);
  return count;
}

/** `?m0=<tag0>&m1=<tag1>…`, tags written literally so the ESP sees and expands them; '' when there are none. */
export function tagParams(tags: readonly string[]): string {
  return tags.length === 0 ? '' : `?${tags.map((tag, i) => `${TAG_PARAM_PREFIX}${i}=${tag}`).join('&')}`;
}

/** Appends the tag parameters to a tracked URL that may already carry a query. */
export function withTagParams(trackedUrl: string, tags: readonly string[]): string {
  const params = tagParams(tags);
  if (params === '' || !trackedUrl.includes('?')) return trackedUrl + params;
  return `${trackedUrl}&${params.slice(1)}`;
}

/**
 * Reads m0…m<count-1> from a raw query string (with or without `?`). Values are percent-decoded but `+` is kept:
 * ESPs write expanded values raw, and `bob+news@x.com` must not become a space. Missing parameters read as ''.
 */
export function tagValuesFromQuery(query: string, count: number): string[] {
  const values = new Array<string>(count).fill('');
  for (const pair of query.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const match = /^m(\d+)$/.exec(name);
    const i = match ? Number(match[1]) : -1;
    if (i >= 0 && i < count && values[i] === '') values[i] = decodeLenient(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return values;
}

function decodeLenient(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The template with its URL normalized as `normalizeHttpUrl` does (IDN host to punycode, other characters
 * percent-encoded, `http:host` made `http://host`), its slots kept. Null unless it is an absolute http(s) URL with
 * every slot after the host. Destinations are stored this way, so a redirect only ever writes printable ASCII.
 */
export function normalizeTemplate(template: string): string | null {
  if (!template.includes('{{')) return normalizeHttpUrl(template);
  // Each slot stands in as letters and digits, which URL parsing keeps as they are outside the host.
  let mark = 'beaconslot';
  while (template.includes(mark)) mark += 'x';
  const url = parseHttpUrl(template.replace(SLOT, (_, i: string) => `${mark}${i}${mark}`));
  if (!url || url.href.slice(0, originEnd(url.href)).includes(mark)) return null;
  return url.href.replace(new RegExp(`${mark}(\\d+)${mark}`, 'g'), '{{$1}}');
}

/**
 * Fills the template's slots with the ESP-expanded values. Returns null unless the result is an absolute http(s) URL
 * with the template's origin; a slot inside the scheme or host is always refused. The result is normalized (see
 * `normalizeHttpUrl`): printable ASCII.
 */
export function expandTemplate(template: string, values: readonly string[]): string | null {
  const slotted = [...template.matchAll(SLOT)];
  const end = originEnd(template);
  if (end === 0 || slotted.some((m) => m.index < end)) return null;
  const before = parseHttpUrl(template.replace(SLOT, 'x'));
  if (!before) return null;
  const expanded = template.replace(SLOT, (_, i: string, at: number) => encodeForPart(values[Number(i)] ?? '', partAt(template, at)));
  const after = parseHttpUrl(expanded);
  return after && after.origin === before.origin ? after.href : null;
}
