import { randomUUID } from 'node:crypto';
import type { Hit } from '@beacon/collector/src/events/hit.ts';
import { uuidv7 } from '@beacon/collector/src/events/uuid7.ts';
import { DAY } from '@beacon/collector/src/reports/time.ts';
import { mulberry32 } from '@beacon/collector/test/support/random.ts';

/**
 * A workspace's history for bench/reports: senders, messages sent over the last 90 days (a few in the last 24 h),
 * and hits on them in time order. Deterministic for a seed, so the same events can go through two loaders.
 */
export interface FixtureMessage {
  id: string;
  userId: string;
  sentAt: number;
  recipients: { email: string }[];
  links: { url: string; type: 'tracked' | 'optout' }[];
  senderIp: string;
  senderUa: string;
}

export interface Fixture {
  workspaceId: string;
  users: { id: string; email: string; role: 'rep' | 'manager' }[];
  messages: FixtureMessage[];
  now: number;
  events: number;
  /** Hits in time order, in batches. */
  hits(batchSize: number): Generator<Hit[]>;
  /** The busiest message sent in the last 24 h (read by the per-message reports). */
  busiest: FixtureMessage;
}

const SPAN_DAYS = 90;
const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)',
  'curl/8.5.0',
];
const UA_WEIGHTS = [30, 25, 15, 12, 10, 6, 2];

export function makeFixture(events: number, seed = 42, now = Date.now()): Fixture {
  const rand = mulberry32(seed);
  const workspaceId = randomUUID();
  const users: Fixture['users'] = [{ id: randomUUID(), email: 'manager@bench.example', role: 'manager' }];
  for (let i = 0; i < 24; i++) users.push({ id: randomUUID(), email: `rep${i}@bench.example`, role: 'rep' });
  // About a hundred hits per message, as a team's list sends give: message count grows with the events.
  const messages: FixtureMessage[] = [];
  for (let i = 0; i < Math.max(50, Math.round(events / 100)); i++) {
    // 4% sent in the last 24 h, the rest spread over the 89 days before.
    const sentAt = rand() < 0.04 ? now - rand() * DAY : now - DAY - rand() * (SPAN_DAYS - 1) * DAY;
    const n = 1 + Math.floor(rand() * 5);
    messages.push({
      id: randomUUID(),
      userId: users[1 + Math.floor(rand() * 24)]!.id,
      sentAt: Math.floor(sentAt),
      recipients: Array.from({ length: n }, (_, r) => ({ email: `m${i}r${r}@client.example` })),
      links: [
        { url: `https://shop.example/p/${i % 97}`, type: 'tracked' },
        { url: 'https://shop.example/sale', type: 'tracked' },
        { url: '{{unsubscribe_url}}', type: 'optout' },
      ],
      senderIp: '198.51.100.0',
      senderUa: UAS[0]!,
    });
  }
  // Each hit: a message, then a delay after its send (exponential, mean 8 h, folded into [sent, now]). Sorted by
  // a packed key (second << 24 | index) so ten million of them sort natively.
  const msgOf = new Int32Array(events);
  const keys = new Float64Array(events);
  const perMessage = new Int32Array(messages.length);
  for (let i = 0; i < events; i++) {
    const m = Math.floor(rand() * messages.length);
    const sent = messages[m]!.sentAt;
    let delay = -Math.log(1 - rand()) * 8 * 3_600_000;
    if (sent + delay > now) delay = delay % (now - sent);
    msgOf[i] = m;
    perMessage[m]!++;
    keys[i] = Math.floor((sent + delay - (now - SPAN_DAYS * DAY - DAY)) / 1000) * 2 ** 24 + i;
  }
  keys.sort();
  const origin = now - SPAN_DAYS * DAY - DAY;
  let busiest = 0;
  for (let m = 0; m < messages.length; m++) {
    if (messages[m]!.sentAt > now - DAY && perMessage[m]! > (messages[busiest]!.sentAt > now - DAY ? perMessage[busiest]! : -1)) busiest = m;
  }

  function* hits(batchSize: number): Generator<Hit[]> {
    const r = mulberry32(seed + 1);
    for (let start = 0; start < events; start += batchSize) {
      const batch: Hit[] = [];
      for (let k = start; k < Math.min(events, start + batchSize); k++) {
        const key = keys[k]!;
        const i = key % 2 ** 24;
        const at = origin + Math.floor(key / 2 ** 24) * 1000 + (i % 1000);
        batch.push(hit(messages[msgOf[i]!]!, Math.min(at, now), r));
      }
      yield batch;
    }
  }

  function hit(m: FixtureMessage, at: number, r: () => number): Hit {
    const u = r();
    const kind = u < 0.7 ? 'open' : u < 0.96 ? 'click' : u < 0.99 ? 'mirror' : 'unsubscribe';
    const h: Hit = {
      id: uuidv7(at),
      at,
      ws: workspaceId,
      msg: m.id,
      kind,
      sent: m.sentAt,
      method: kind === 'click' && r() < 0.03 ? 'HEAD' : kind === 'unsubscribe' ? 'POST' : 'GET',
      ip: r() < 0.05 ? '17.58.63.0' : `203.0.${Math.floor(r() * 256)}.0`,
      ua: UAS[weighted(r())]!,
    };
    // Most tokens name their recipient; ESP merge-tag sends do not.
    if (r() < 0.85) h.ri = Math.floor(r() * m.recipients.length);
    if (kind === 'click') {
      h.link = Math.floor(r() * m.links.length);
      h.linkType = m.links[h.link]!.type;
      h.url = m.links[h.link]!.url;
    }
    return h;
  }

  return { workspaceId, users, messages, now, events, hits, busiest: messages[busiest]! };
}

function weighted(u: number): number {
  const total = UA_WEIGHTS.reduce((a, b) => a + b, 0);
  let x = u * total;
  for (let i = 0; i < UA_WEIGHTS.length; i++) if ((x -= UA_WEIGHTS[i]!) < 0) return i;
  return 0;
}
