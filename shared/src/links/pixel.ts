import type { PixelForm } from '../api/common.ts';
import { DOUBLE, DOUBLE_MSO, escapeWith } from './escape.ts';

/**
 * The open pixel's markup (the trade-off between forms: PixelFormSchema, and README "Deliverability").
 * `auto` writes an `<img>` only where the message already shows one: SpamAssassin's HTML_IMAGE_ONLY_* rules fire
 * on any `<img>` in a message of under 3,200 bytes of HTML, so there it adds nothing, and elsewhere the background
 * form (which no rule counts as an image) avoids up to 2.8 points.
 */
export function pixelMarkup(src: string, form: PixelForm, messageHasImage: boolean): string {
  const useImage = form === 'image' || (form === 'auto' && messageHasImage);
  return useImage ? imageTag(escapeWith(src, DOUBLE)) : backgroundTable(src);
}

function imageTag(escapedSrc: string): string {
  return `<img src="${escapedSrc}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0">`;
}

/**
 * Gmail, Apple Mail, Outlook on the web, Mac and mobile, and Yahoo load a table's `background` even at 1x1 (Chromium
 * loads it at 0x0 too); Outlook for Windows (Word) reads backgrounds only on `<body>`, so it gets an `<img>` inside a
 * conditional comment, which every other client and SpamAssassin take for a comment.
 */
function backgroundTable(src: string): string {
  // Kept short: in a one-line Outlook message every byte of HTML counts against the text part (MIME_HTML_MOSTLY).
  return (
    `<table role="presentation" width="1" height="1" cellpadding="0" cellspacing="0" background="${escapeWith(src, DOUBLE)}">` +
    `<tr><td><!--[if mso]><img src="${escapeWith(src, DOUBLE_MSO)}" width="1" height="1" alt=""><![endif]--></td></tr></table>`
  );
}
