import { describe, expect, it } from 'vitest';
import { classify, isCounted, recipientKey, type MessageContext } from './3-classify.ts';
import type { Hit } from './hit.ts';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const sent = 1_900_000_000_000;
const message: MessageContext = {
  workspaceId: 'w',
  id: 'm',
  userId: 'u',
  subject: 's',
  recipients: [{ email: 'bob@example.com' }],
  links: [],
  senderIp: '198.51.100.0',
  senderUa: 'SenderBrowser/1.0',
  sentAt: sent,
};
const hit = (h: Partial<Hit>): Hit => ({
  id: 'h',
  at: sent + 60_000,
  ws: 'w',
  msg: 'm',
  kind: 'open',
  sent,
  method: 'GET',
  ip: '203.0.113.0',
  ua: CHROME,
  ...h,
});
const opts = { scannerWindowMs: 10_000 };
const reason = (h: Partial<Hit>) => classify(hit(h), message, opts).reason;

describe('classify', () => {
  it('tells people from machines by the rules of the issue', () => {
    expect(reason({})).toBe('human');
    expect(reason({ ip: '198.51.100.0', ua: 'SenderBrowser/1.0' })).toBe('self');
    expect(reason({ method: 'HEAD', kind: 'click' })).toBe('scanner:head');
    expect(reason({ ua: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)' })).toBe('proxy:gmail');
    expect(reason({ ua: 'Mozilla/5.0' })).toBe('prefetch:apple-mpp');
    expect(reason({ ua: 'curl/8.5.0' })).toBe('bot');
    expect(reason({ ua: '' })).toBe('bot:no-user-agent');
    expect(reason({ kind: 'click', at: sent + 9_000 })).toBe('scanner:fast-click');
    expect(reason({ kind: 'click', at: sent + 11_000 })).toBe('human');
    expect(reason({ kind: 'click', burst: true })).toBe('scanner:burst');
    expect(reason({ kind: 'unsubscribe', method: 'POST', ua: 'curl/8.5.0' })).toBe('human');
  });

  it("counts people and Gmail's proxy opens, not Apple's prefetches or scanners", () => {
    const counted = (h: Partial<Hit>) => isCounted(hit(h), classify(hit(h), message, opts));
    expect(counted({})).toBe(true);
    expect(counted({ ua: 'GoogleImageProxy' })).toBe(true);
    expect(counted({ ua: 'Mozilla/5.0' })).toBe(false);
    expect(counted({ kind: 'click', at: sent + 1 })).toBe(false);
  });

  it('knows the recipient from the token, else from an address, else only the network and client', () => {
    expect(recipientKey(hit({ ri: 0 }), 'bob@example.com')).toEqual({ key: 'r:0', known: true });
    expect(recipientKey(hit({}), 'Ann@Example.com')).toEqual({ key: 'e:ann@example.com', known: true });
    expect(recipientKey(hit({}), undefined).known).toBe(false);
    expect(recipientKey(hit({}), undefined).key).not.toBe(recipientKey(hit({ ua: 'other' }), undefined).key);
  });
});
