import { describe, expect, it } from 'vitest';
import { tokenOfUrl, tokensIn } from './tracking-tokens';

const ORIGIN = 'https://t.acme.example';
const PIXEL = 'AQ1x2y3z4w5v6u7t8s9r0q';
const LINK = 'Ag1x2y3z4w5v6u7t8s9r0qLONGERlinkTOKEN_-';

describe('tracking tokens in a rendered body', () => {
  it("reads the pixel behind Gmail's image proxy and links behind Outlook's Safe Links", () => {
    expect(tokenOfUrl(`https://ci3.googleusercontent.com/meips/ADKq_Nabc=s0-d-e1-ft#${ORIGIN}/o/${PIXEL}.gif`, [ORIGIN])).toBe(PIXEL);
    expect(tokenOfUrl(`https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(`${ORIGIN}/c/${LINK}`)}&data=05`, [ORIGIN])).toBe(LINK);
    expect(tokenOfUrl(`https://www.google.com/url?q=${encodeURIComponent(`${ORIGIN}/c/${LINK}`)}&source=gmail`, [ORIGIN])).toBe(LINK);
  });

  it("ignores other origins' URLs, other paths and a proxy's fragment elsewhere", () => {
    expect(tokenOfUrl(`https://other.example/o/${PIXEL}.gif`, [ORIGIN])).toBeNull();
    expect(tokenOfUrl(`${ORIGIN}/api/messages`, [ORIGIN])).toBeNull();
    expect(tokenOfUrl(`https://evil.example/x#${ORIGIN}/o/${PIXEL}.gif`, [ORIGIN])).toBeNull();
    expect(tokenOfUrl('not a url', [ORIGIN])).toBeNull();
  });

  it("lists a body's tokens pixel first, from src, originalsrc and href, leaving quoted replies out", () => {
    const body = document.createElement('div');
    body.innerHTML = `<p>Hi <a href="https://nam12.safelinks.protection.outlook.com/?url=x" originalsrc="${ORIGIN}/c/${LINK}">deck</a></p>
      <img src="https://attachments.office.net/x" originalsrc="${ORIGIN}/o/${PIXEL}.gif" width="1" height="1">
      <blockquote><img src="${ORIGIN}/o/QUOTEDquotedQUOTED.gif"></blockquote>
      <div class="gmail_quote"><a href="${ORIGIN}/c/QUOTEDlinkQUOTEDlink">old</a></div>`;
    expect(tokensIn(body, [ORIGIN])).toEqual([PIXEL, LINK]);
    expect(tokensIn(body, [])).toEqual([]);
  });

  it("reads any origin's tokens when asked for `any` (a cancelled scheduled send, matched against this browser's own)", () => {
    const message = document.createElement('div');
    message.innerHTML = `<a href="${ORIGIN}/c/${LINK}?m0=*%7CFNAME%7C*">deal</a><a href="https://example.com/c/short">other</a>
      <img src="https://ci3.googleusercontent.com/meips/ADKq_NZ=s0-d-e1-ft#https://beacon.other.example/o/${PIXEL}.gif">
      <table background="${ORIGIN}/o/${PIXEL}.gif"><tr><td></td></tr></table>`;
    expect(tokensIn(message, 'any')).toEqual([PIXEL, LINK]);
    expect(tokensIn(message, ['https://beacon.other.example'])).toEqual([PIXEL]);
  });
});
