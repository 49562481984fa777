import { describe, expect, it } from 'vitest';
import { createLogger, withRequestId } from './log.ts';

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(level, (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return { log, lines };
}

describe('logs', () => {
  it('are JSON lines with a level, an ISO time and the message, below the configured level left out', () => {
    const { log, lines } = capture('info');
    log.debug('not shown');
    log.info('listening', { port: 8787 });
    log.warn('odd', 'a detail');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'listening', port: 8787 });
    expect(new Date(String(lines[0]!.time)).toISOString()).toBe(lines[0]!.time);
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'odd', detail: 'a detail' });
    const silent = capture('silent');
    silent.log.error('nothing');
    expect(silent.lines).toEqual([]);
  });

  it('give an error its type, message and code, and its stack only at level error', () => {
    const { log, lines } = capture('debug');
    const e = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    log.warn('database unavailable', e);
    log.error('failed', e);
    expect(lines[0]!.error).toEqual({ type: 'Error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' });
    expect((lines[1]!.error as { stack: string }).stack).toContain('log.test.ts');
  });

  it('carry the request id on every line logged while a request is handled, across awaits', async () => {
    const { log, lines } = capture('info');
    await Promise.all(
      ['a', 'b'].map((id) =>
        withRequestId(id, async () => {
          await new Promise((r) => setTimeout(r, id === 'a' ? 5 : 1));
          log.info(`handled ${id}`);
        }),
      ),
    );
    log.info('outside');
    expect(lines.map((l) => [l.msg, l.reqId])).toEqual([
      ['handled b', 'b'],
      ['handled a', 'a'],
      ['outside', undefined],
    ]);
  });
});
