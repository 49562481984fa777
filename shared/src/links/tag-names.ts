/** Tag names the scanner acts on, by length, so a name can be recognised in place without allocating. */
const KNOWN: ReadonlyArray<readonly string[]> = [
  [],
  ['a'],
  ['td', 'th', 'tr'],
  ['img', 'xmp'],
  ['area', 'body', 'html'],
  ['style', 'title', 'table'],
  ['script', 'iframe'],
  ['noembed'],
  ['textarea', 'noframes'],
  ['plaintext'],
];

/**
 * The lowercase name of the tag whose name is `src[at, end)` when the scanner cares about it (link, image,
 * raw-text and table elements, `body`, `html`, any VML `v:` element); '' for every other tag.
 */
export function knownTagName(src: string, at: number, end: number): string {
  const length = end - at;
  if (length > 2 && (src.charCodeAt(at) | 0x20) === 0x76 /* v */ && src.charCodeAt(at + 1) === 0x3a /* : */) {
    return src.slice(at, end).toLowerCase();
  }
  for (const name of KNOWN[length] ?? []) if (sameName(src, at, name)) return name;
  return '';
}

/** ASCII case-insensitive comparison of `src` at `at` with a lowercase name. */
export function sameName(src: string, at: number, lowercase: string): boolean {
  for (let k = 0; k < lowercase.length; k++) {
    const c = src.charCodeAt(at + k);
    const lower = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    if (lower !== lowercase.charCodeAt(k)) return false;
  }
  return true;
}
