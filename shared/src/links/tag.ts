import { sameName } from './tag-names.ts';
import type { ScannedLink } from './types.ts';

/** What the scanner keeps of one tag. */
export interface TagDraft {
  name: string;
  /** Set by the caller once the name is known: keep the first `href`, and `alt`. */
  linkable: boolean;
  wantsAlt: boolean;
  href: { start: number; end: number; quote: ScannedLink['quote']; value: string } | null;
  alt: string | null;
  selfClosing: boolean;
}

const SLASH = 0x2f;
const GT = 0x3e;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

/** End of the tag name that begins at `at`: the first space, `/` or `>`; -1 when the input ends first. */
export function tagNameEnd(src: string, at: number, end: number): number {
  for (let j = at; j < end; j++) {
    const c = src.charCodeAt(j);
    if (isSpace(c) || c === SLASH || c === GT) return j;
  }
  return -1;
}

export function resetDraft(draft: TagDraft, name: string): TagDraft {
  draft.name = name;
  draft.linkable = false;
  draft.wantsAlt = false;
  draft.href = null;
  draft.alt = null;
  draft.selfClosing = false;
  return draft;
}

/**
 * Reads a tag's attributes from `from` (just after its name), following the tokenizer states of the HTML standard
 * (before/after attribute name, attribute value double/single/unquoted, self-closing start tag). Returns the offset
 * after the tag's `>`, or -1 when the input ends inside the tag (browsers then drop it).
 */
export function readAttributes(src: string, from: number, end: number, draft: TagDraft): number {
  let j = from;
  let slashAt = -1;
  for (;;) {
    // Before attribute name: spaces and stray slashes are skipped; a slash right before `>` closes the tag.
    let c = src.charCodeAt(j);
    while (j < end && (isSpace(c) || c === SLASH)) {
      if (c === SLASH) slashAt = j;
      c = src.charCodeAt(++j);
    }
    if (j >= end) return -1;
    if (c === GT) {
      draft.selfClosing = slashAt === j - 1;
      return j + 1;
    }
    // Attribute name: any first character (even `=`), then up to a space, `/`, `>` or `=`.
    const nameStart = j++;
    for (; j < end; j++) {
      c = src.charCodeAt(j);
      if (isSpace(c) || c === SLASH || c === GT || c === EQ) break;
    }
    const nameEnd = j;
    while (j < end && isSpace(c)) c = src.charCodeAt(++j);
    if (j >= end) return -1;
    if (c !== EQ) {
      keep(src, draft, nameStart, nameEnd, nameEnd, nameEnd, ''); // `<a href>`: present, empty
      continue;
    }
    // Before attribute value.
    c = src.charCodeAt(++j);
    while (j < end && isSpace(c)) c = src.charCodeAt(++j);
    if (j >= end) return -1;
    if (c === DQ || c === SQ) {
      const close = src.indexOf(c === DQ ? '"' : "'", j + 1);
      if (close < 0 || close >= end) return -1;
      keep(src, draft, nameStart, nameEnd, j + 1, close, c === DQ ? '"' : "'");
      j = close + 1;
    } else {
      const valueStart = j; // unquoted, possibly empty when `>` follows `=`
      for (; j < end; j++) {
        c = src.charCodeAt(j);
        if (isSpace(c) || c === GT) break;
      }
      if (j >= end) return -1;
      keep(src, draft, nameStart, nameEnd, valueStart, j, '');
    }
  }
}

function keep(src: string, draft: TagDraft, nameStart: number, nameEnd: number, start: number, end: number, quote: ScannedLink['quote']): void {
  const length = nameEnd - nameStart;
  if (length === 4 && draft.linkable && draft.href === null && sameName(src, nameStart, 'href')) {
    draft.href = { start, end, quote, value: src.slice(start, end) }; // a browser keeps the first of duplicates
  } else if (length === 3 && draft.wantsAlt && draft.alt === null && sameName(src, nameStart, 'alt')) {
    draft.alt = src.slice(start, end);
  }
}
