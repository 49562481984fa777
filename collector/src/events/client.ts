import { UAParser } from 'ua-parser-js';
import { Emails } from 'ua-parser-js/extensions';
import { memoize } from '../memo.ts';

/** The mail client or browser behind a user agent, for the Clients panel. Parsing is slow, so results are kept. */
export const clientName = memoize(5000, parse);

function parse(ua: string): string {
  if (/GoogleImageProxy/i.test(ua)) return 'Gmail';
  if (/YahooMailProxy/i.test(ua)) return 'Yahoo Mail';
  if (ua === 'Mozilla/5.0') return 'Apple Mail (privacy protection)';
  const r = new UAParser(ua, Emails).getResult();
  const browser = r.browser.name;
  // Apple Mail's WebKit view says AppleWebKit but neither Safari nor a version.
  if ((browser === 'WebKit' || !browser) && /AppleWebKit/.test(ua) && !/Safari|Version\//.test(ua)) {
    return r.os.name === 'iOS' ? 'Apple Mail (iOS)' : 'Apple Mail';
  }
  return browser ?? 'Other';
}
