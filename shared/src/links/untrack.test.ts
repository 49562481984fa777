import { describe, expect, it } from 'vitest';
import { untrackHtml } from './untrack.ts';
import { pixelMarkup } from './pixel.ts';

const PIXEL = 'https://c.example/o/tok.gif?r=*|EMAIL|*';
const tracked = { 'https://c.example/c/a?r=*|EMAIL|*': 'https://shop.example/sale?x=1&y="2"', 'https://c.example/c/b': 'https://blog.example/' };

describe('untrackHtml', () => {
  it('puts each tracked href back, escaped for its quoting, and leaves every other byte', () => {
    const html = `<p>Hi <a href="https://c.example/c/a?r=*|EMAIL|*">sale</a>, <a class=x href='https://c.example/c/b'>blog</a> <a href="https://other.example/">other</a></p>`;
    expect(untrackHtml(html, tracked)).toBe(
      `<p>Hi <a href="https://shop.example/sale?x=1&amp;y=&quot;2&quot;">sale</a>, <a class=x href='https://blog.example/'>blog</a> <a href="https://other.example/">other</a></p>`,
    );
  });

  it('takes the pixel out, with the paragraph or figure an editor put around it alone', () => {
    expect(untrackHtml(`<p>a</p><img src="${PIXEL}" width="1" height="1" alt="">`, {}, PIXEL)).toBe('<p>a</p>');
    expect(untrackHtml(`<p>a</p><p><img src="${PIXEL}" width="1"></p>`, {}, PIXEL)).toBe('<p>a</p>');
    expect(untrackHtml(`<p>a</p><figure class="image"><img src="${PIXEL}"></figure>`, {}, PIXEL)).toBe('<p>a</p>');
    expect(untrackHtml(`<p>a<img src="${PIXEL.replace('?', '?')}"> b</p>`, {}, PIXEL)).toBe('<p>a b</p>');
    expect(untrackHtml(`<p><img src="https://else.example/i.png"></p>`, {}, PIXEL)).toBe(`<p><img src="https://else.example/i.png"></p>`);
  });

  it('takes out the background form of the pixel, as written and as an editor keeps it', () => {
    const markup = pixelMarkup(PIXEL, 'background', false);
    expect(untrackHtml(`<p>a</p>${markup}`, {}, PIXEL)).toBe('<p>a</p>');
    const kept = `<div>a</div><table role="presentation" width="1" height="1" cellpadding="0" cellspacing="0" background="${PIXEL}"><tbody><tr><td><!--[if mso]><![endif]--></td></tr></tbody></table><div>b</div>`;
    expect(untrackHtml(kept, {}, PIXEL)).toBe('<div>a</div><div>b</div>');
    const other = '<table background="https://else.example/bg.png"><tr><td>x</td></tr></table>';
    expect(untrackHtml(other, {}, PIXEL)).toBe(other);
  });
});
