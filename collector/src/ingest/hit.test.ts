import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hitLine, parseHitLine, type Hit } from './hit.ts';

const uuid = fc.uuid();
const text = fc.string({ unit: 'binary', maxLength: 600 }); // any code points, lone surrogates, quotes, controls
const hit: fc.Arbitrary<Hit> = fc.record(
  {
    id: uuid,
    at: fc.integer({ min: 0, max: 2 ** 45 }),
    ws: uuid,
    msg: uuid,
    kind: fc.constantFrom('open', 'click', 'unsubscribe', 'mirror'),
    sent: fc.integer({ min: 0, max: 2 ** 32 * 1000 }),
    method: fc.constantFrom('GET', 'HEAD', 'POST'),
    ip: fc.oneof(fc.constant(''), fc.ipV4(), text),
    ua: text,
    link: fc.nat(),
    linkType: fc.constantFrom('tracked', 'optout', 'mirror'),
    url: text,
    ri: fc.nat(),
    re: text,
    burst: fc.constant(true as const),
  },
  { requiredKeys: ['id', 'at', 'ws', 'msg', 'kind', 'sent', 'method', 'ip', 'ua'] },
) as fc.Arbitrary<Hit>;

describe('hitLine', () => {
  it('writes what JSON.stringify writes, so a line reads back as the very same hit', () => {
    fc.assert(
      fc.property(hit, (h) => {
        const line = hitLine(h);
        expect(line).not.toContain('\n'); // one line per hit in the spool
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(h)));
        expect(parseHitLine(line)).toEqual(h);
      }),
      { numRuns: 5000 },
    );
  });

  it('quotes a user agent that comes back after the kept quoted texts were dropped', () => {
    const base: Hit = {
      id: '019ad0c2-5b1e-7c3a-9f00-1234567890ab',
      at: 1,
      ws: '019ad0c2-5b1e-7c3a-9f00-1234567890ac',
      msg: '019ad0c2-5b1e-7c3a-9f00-1234567890ad',
      kind: 'open',
      sent: 0,
      method: 'GET',
      ip: '',
      ua: 'first "agent"',
    };
    const first = hitLine(base);
    for (let i = 0; i < 2200; i++) hitLine({ ...base, ua: `agent ${i}` });
    expect(hitLine(base)).toBe(first);
    expect(parseHitLine(first)?.ua).toBe('first "agent"');
  });
});
