/**
 * ESP list campaigns: one content goes to every address of a list, so the recipient is told apart by the ESP's
 * own merge tag for the address (`*|EMAIL|*`), written literally as `r=` on the pixel and every tracked link. The
 * ESP replaces it per recipient; the collector reads the address back. It is never signed: it only says who.
 */
export const RECIPIENT_PARAM = 'r';

/** `url` with `r=<tag>` appended (the tag literal, for the ESP to expand); unchanged without a tag. */
export function withRecipientTag(url: string, tag: string | undefined): string {
  if (!tag) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${RECIPIENT_PARAM}=${tag}`;
}

/** The value of `r=` in a raw query string (with or without `?`), percent-decoded, `+` kept; '' when absent. */
export function recipientFromQuery(query: string): string {
  if (!query.includes(`${RECIPIENT_PARAM}=`)) return '';
  for (const pair of query.replace(/^\?/, '').split('&')) {
    if (!pair.startsWith(`${RECIPIENT_PARAM}=`)) continue;
    const value = pair.slice(RECIPIENT_PARAM.length + 1);
    try {
      return decodeURIComponent(value).trim();
    } catch {
      return value.trim();
    }
  }
  return '';
}
