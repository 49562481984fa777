import { memoize } from '../memo.ts';

/**
 * The mail clients and browsers that open email, for the Clients panel: first match wins, so the specific (a mail
 * client, a browser built on Chrome) comes before the general (Chrome, Safari). A table rather than a user-agent
 * library: the ones that know more are AGPL (ua-parser-js 2) or large, and a collector needs these few.
 */
const CLIENTS: [RegExp, string | ((ua: string) => string)][] = [
  [/GoogleImageProxy/i, 'Gmail'],
  [/YahooMailProxy/i, 'Yahoo Mail'],
  [/^Mozilla\/5\.0$/, 'Apple Mail (privacy protection)'], // Mail Privacy Protection's prefetch sends only this
  [/Thunderbird\//, 'Thunderbird'],
  [/Microsoft Outlook|ms-office|MSOffice/, 'Microsoft Outlook'],
  [/OneOutlook\//, 'Outlook'], // the new Outlook for Windows
  [/^Outlook-(iOS|Android)\//, 'Outlook Mobile'],
  [/Airmail/, 'Airmail'],
  [/Spark\//, 'Spark'],
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/YaBrowser\//, 'Yandex'],
  [/Vivaldi\//, 'Vivaldi'],
  [/HeadlessChrome\//, 'Chrome Headless'],
  [/; wv\)/, 'Chrome WebView'], // an Android app's web view
  [/CriOS\//, 'Mobile Chrome'],
  [/FxiOS\//, 'Mobile Firefox'],
  [/Firefox\//, (ua) => (/Mobile|Android/.test(ua) ? 'Mobile Firefox' : 'Firefox')],
  [/Chrome\/|Chromium\//, (ua) => (/Mobile/.test(ua) ? 'Mobile Chrome' : 'Chrome')],
  [/Version\/[\d.]+.*Safari\//, (ua) => (/Mobile/.test(ua) ? 'Mobile Safari' : 'Safari')],
  [/Trident\/|MSIE /, 'IE'],
  // Apple Mail's WebKit view says AppleWebKit but neither Safari nor a version.
  [/AppleWebKit/, (ua) => (/iPhone|iPad|iPod/.test(ua) ? 'Apple Mail (iOS)' : 'Apple Mail')],
];

/** The mail client or browser behind a user agent; results are kept, as the same few agents come back all day. */
export const clientName = memoize(5000, (ua: string): string => {
  for (const [pattern, name] of CLIENTS) if (pattern.test(ua)) return typeof name === 'string' ? name : name(ua);
  return 'Other';
});
