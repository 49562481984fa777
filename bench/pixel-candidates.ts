import { pixelMarkup } from '@beacon/shared/links/pixel';

/**
 * The open-pixel markups considered for issue 20, each placed in a short generated message as its description
 * says, for bench/deliverability to score against the message without it (the client support behind each is in
 * README "Deliverability").
 */
export interface PixelCandidate {
  name: string;
  place(html: string, src: string): string;
}

const image = (src: string) => `<img src="${src}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0">`;

export const PIXEL_CANDIDATES: PixelCandidate[] = [
  { name: '<img>, size in attributes, at the end (image)', place: (html, src) => atEnd(html, pixelMarkup(src, 'image', true)) },
  { name: '<img> inside the last text block', place: (html, src) => after(html, 'Ann', image(src)) },
  {
    name: 'CSS background-image of an empty div',
    place: (html, src) => atEnd(html, `<div style="background-image:url('${src}');width:1px;height:1px"></div>`),
  },
  { name: 'linked <img> in the signature', place: (html, src) => after(html, 'Ann Lee', `<a href="https://www.acme-mail.com/">${image(src)}</a>`) },
  {
    name: 'background attribute of a 1x1 table, alone',
    place: (html, src) =>
      atEnd(html, `<table role="presentation" width="1" height="1" cellpadding="0" cellspacing="0" background="${src}"><tr><td></td></tr></table>`),
  },
  { name: '<img> inside <!--[if mso]>, alone', place: (html, src) => atEnd(html, `<!--[if mso]>${image(src)}<![endif]-->`) },
  { name: 'table background + <!--[if mso]> <img> (background)', place: (html, src) => atEnd(html, pixelMarkup(src, 'background', false)) },
];

function atEnd(html: string, markup: string): string {
  const body = html.lastIndexOf('</body>');
  return body < 0 ? html + markup : html.slice(0, body) + markup + html.slice(body);
}

/** Right after the last occurrence of `text` (the sign-off, the signature's name), else at the end. */
function after(html: string, text: string, markup: string): string {
  const at = html.lastIndexOf(text);
  return at < 0 ? atEnd(html, markup) : html.slice(0, at + text.length) + markup + html.slice(at + text.length);
}
