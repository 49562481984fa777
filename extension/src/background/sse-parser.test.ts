import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './sse-parser';

function parse(chunks: string[], lastEventId = '') {
  const out: SseMessage[] = [];
  const parser = createSseParser((m) => out.push(m), lastEventId);
  for (const chunk of chunks) parser.push(chunk);
  return { out, parser };
}

const stream =
  ': keep-alive\n\n' +
  'event: ready\ndata: {"at":"2025-03-14T15:30:20.000Z"}\n\n' +
  'event: hit\r\nid: e1\r\ndata: {"a":1}\r\n\r\n' +
  'event: hit\rid: e2\rdata: line one\rdata: line two\r\r' +
  'retry: 5000\nid\ndata:no space\n\n' +
  'event: ignored-without-data\n\n';

describe('event stream parser', () => {
  it('reads events, ids and multi-line data with any line ending, skipping comments', () => {
    const { out, parser } = parse([stream]);
    expect(out).toEqual([
      { event: 'ready', data: '{"at":"2025-03-14T15:30:20.000Z"}', lastEventId: '' },
      { event: 'hit', data: '{"a":1}', lastEventId: 'e1' },
      { event: 'hit', data: 'line one\nline two', lastEventId: 'e2' },
      { event: 'message', data: 'no space', lastEventId: '' },
    ]);
    expect(parser.retryMs).toBe(5000);
  });

  it('gives the same events however the network splits the bytes', () => {
    const whole = parse([stream]).out;
    for (let i = 1; i < stream.length; i++) {
      expect(parse([stream.slice(0, i), stream.slice(i)]).out).toEqual(whole);
    }
    expect(parse([...stream]).out).toEqual(whole);
  });

  it('keeps the id it resumed from until the server sends another', () => {
    const { out } = parse(['event: hit\ndata: x\n\n'], 'e9');
    expect(out[0]?.lastEventId).toBe('e9');
  });

  it('waits for the blank line before dispatching', () => {
    const { out } = parse(['event: hit\ndata: x\n']);
    expect(out).toEqual([]);
  });
});
