const CONDITION = /\[if\s+([^\]]*)\]>/iy;
const END_IF = /<!\[endif\]\s*$/i;

/**
 * For a comment whose text is `src[start, end)`, the span of HTML that Outlook for Windows renders, i.e. the body
 * of `<!--[if mso]> … <![endif]-->` (also `gte mso 9`, `mso | IE`, `(mso)|(IE)`); null for any other comment,
 * including `<!--[if !mso]><!-- -->`, whose content is ordinary HTML outside the comment.
 */
export function msoBody(src: string, start: number, end: number): { start: number; end: number } | null {
  if (src.charCodeAt(start) !== 0x5b /* [ */) return null;
  CONDITION.lastIndex = start;
  const condition = CONDITION.exec(src);
  if (!condition || condition.index + condition[0].length > end || !targetsOutlook(condition[1]!)) return null;
  const bodyStart = condition.index + condition[0].length;
  const close = src.lastIndexOf('<![', end - 1);
  const bodyEnd = close >= bodyStart && END_IF.test(src.slice(close, end)) ? close : end;
  return { start: bodyStart, end: bodyEnd };
}

function targetsOutlook(condition: string): boolean {
  return /mso/i.test(condition) && !/!\s*\(?\s*mso/i.test(condition);
}
