import { UAParser } from 'ua-parser-js';
import { Emails } from 'ua-parser-js/extensions';

const cache = new Map<string, string>();

/** The mail client or browser behind a user agent, for the Clients panel. Parsing is slow, so results are cached. */
export function clientName(ua: string): string {
  const hit = cache.get(ua);
  if (hit !== undefined) return hit;
  const name = parse(ua);
  if (cache.size >= 5000) cache.delete(cache.keys().next().value as string);
  cache.set(ua, name);
  return name;
}

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
