import { wellFormed } from '../text.ts';

// `URL` is a global in every runtime we target (Node, service worker, content script) but not in the ES lib
// this package compiles against (no DOM, no node types), so it is typed here once, narrowly.
export interface ParsedUrl {
  protocol: string;
  hostname: string;
  origin: string;
  href: string;
  pathname: string;
  search: string;
  searchParams: { get(name: string): string | null };
}
const UrlCtor = (globalThis as unknown as { URL: { new (input: string): ParsedUrl; canParse?(input: string): boolean } }).URL;

/** The URL as `new URL` reads it, or null when it does not parse. */
export function parseUrl(input: string): ParsedUrl | null {
  try {
    return new UrlCtor(input);
  } catch {
    return null;
  }
}

/**
 * The URL as browsers send it, or null unless it is an absolute http(s) URL: the host in ASCII (punycode), every
 * other character outside printable ASCII percent-encoded as UTF-8, tabs and newlines dropped, `http:host/x`
 * made `http://host/x`. Always printable ASCII, so it can go into a Location header as it is.
 */
export function normalizeHttpUrl(input: string): string | null {
  return parseHttpUrl(input)?.href ?? null;
}

/** An absolute http(s) URL with a host: the only destinations Beacon redirects to. */
export function parseHttpUrl(input: string): ParsedUrl | null {
  const url = parseUrl(input);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  return url;
}

/**
 * Whether an href whose scheme is http(s) is a valid URL. The WHATWG parser refuses an empty host for these
 * schemes, so parsing is the whole check; `canParse` does it without building a URL object.
 */
export function isValidHttpUrl(input: string): boolean {
  return UrlCtor.canParse ? UrlCtor.canParse(input) : parseUrl(input) !== null;
}

export type UrlPart = 'origin' | 'path' | 'query' | 'fragment';

/** End of `scheme://authority` in `url` as written (0 when there is none). */
export function originEnd(url: string): number {
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.exec(url);
  if (!scheme) return 0;
  const rest = url.slice(scheme[0].length).search(/[/?#]/);
  return rest < 0 ? url.length : scheme[0].length + rest;
}

/** Which part of `url` (as written) the character at `at` belongs to. */
export function partAt(url: string, at: number): UrlPart {
  if (at < originEnd(url)) return 'origin';
  const hash = url.indexOf('#');
  if (hash >= 0 && at > hash) return 'fragment';
  const query = url.indexOf('?');
  if (query >= 0 && at > query && (hash < 0 || query < hash)) return 'query';
  return 'path';
}

/** encodeURIComponent that cannot throw: lone surrogates become U+FFFD first. */
export function encodeComponent(value: string): string {
  return encodeURIComponent(wellFormed(value));
}

/** Percent-encodes `value` for the part of a URL it is placed in, so it cannot change that URL's structure. */
export function encodeForPart(value: string, part: UrlPart): string {
  // A fragment may keep `/?:@` readable; everywhere else a value is one opaque component.
  if (part === 'fragment') return encodeComponent(value).replace(/%(2F|3F|3A|40)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return encodeComponent(value);
}
