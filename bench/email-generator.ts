/**
 * A deterministic table-based ESP newsletter of about `targetBytes` with exactly `links` links (a multiple of 4):
 * per block an image link, a mailto, a call to action with an Outlook VML twin or a second text link, merge tags
 * in the query; a footer with ESP and Beacon placeholders.
 */
export function generateNewsletter(targetBytes: number, links: number): string {
  let seed = 42;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore'.split(' ');
  const text = (chars: number): string => {
    let out = '';
    while (out.length < chars) out += `${words[random(words.length)]} `;
    return out.trimEnd();
  };
  const blockCount = links / 4 - 1;
  let overhead = HEAD.length + FOOTER.length;
  for (let n = 0; n < blockCount; n++) overhead += block(n, '').length;
  const textPerBlock = Math.max(0, Math.round((targetBytes - overhead) / blockCount));
  const blocks = Array.from({ length: blockCount }, (_, n) => block(n, text(textPerBlock)));
  return HEAD + blocks.join('') + FOOTER;
}

function block(n: number, paragraph: string): string {
  const url = `https://shop.example.com/p/${n}?utm_source=newsletter&amp;utm_medium=email&amp;uid=*|UNIQID|*`;
  const cta =
    n % 2 === 0
      ? `<!--[if mso]><v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" href="${url}" style="height:40px;v-text-anchor:middle;width:200px;" arcsize="10%" stroke="f" fillcolor="#d62828"><w:anchorlock/><center style="color:#ffffff;font-family:sans-serif;font-size:16px;">Shop now</center></v:roundrect><![endif]--><!--[if !mso]><!-- --><a href="${url}" style="background-color:#d62828;border-radius:4px;color:#ffffff;display:inline-block;line-height:40px;text-align:center;text-decoration:none;width:200px;">Shop now</a><!--<![endif]-->`
      : `<a href="${url}" target="_blank" style="color:#d62828;font-weight:bold;">Shop now &rarr;</a> <a href=https://blog.example.com/${n}>Read more</a>`;
  return `<tr><td class="col-${n % 60}" style="padding:20px 30px;font-family:Arial,sans-serif;font-size:16px;line-height:24px;color:#333333;">
<a href="https://cdn.example.com/img/${n}.jpg"><img src="https://cdn.example.com/img/${n}.jpg" width="540" alt="Product ${n}" style="display:block;border:0;"></a>
<h2 style="margin:0 0 10px 0;font-size:20px;">Product ${n}</h2><p style="margin:0 0 12px 0;">${paragraph} <a href='mailto:help@example.com?subject=Question%20${n}'>ask us</a>.</p>
${cta}</td></tr>
`;
}

const HEAD = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><title>*|MC:SUBJECT|*</title>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]-->
<style type="text/css">${Array.from({ length: 60 }, (_, i) => `.col-${i}{width:${i * 10}px!important;padding:0 ${i}px;}`).join('\n')}
a[x-apple-data-detectors]{color:inherit!important;text-decoration:none!important;}</style></head>
<body style="margin:0;padding:0;background-color:#f4f4f4;"><center><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
`;

const FOOTER = `<tr><td align="center" style="font-size:12px;color:#999999;"><a href="*|UNSUB|*" style="color:#999999;">Unsubscribe</a> · <a href="{{unsubscribe_url}}">Opt out</a> · <a href="*|ARCHIVE|*">View online</a> · <a href="{{mirror_url}}">Mirror</a></td></tr>
</table></center></body></html>`;
