import { describe, expect, it } from 'vitest';
import { failureText } from './failure-text';

describe('what a failed request tells the user', () => {
  it('says offline first, whatever the request said', () => {
    expect(failureText({ reason: 'unreachable', message: 'Cannot reach the collector at http://x.' }, false)).toMatchObject({
      title: 'You are offline',
      offline: true,
      action: 'retry',
    });
  });

  it('tells an unreachable or slow collector apart from a refused token, and what to do about each', () => {
    const down = failureText({ reason: 'unreachable', message: 'Cannot reach the collector at http://x.' });
    expect(down.title).toBe('Cannot reach the collector');
    expect(down.detail).toBe('Cannot reach the collector at http://x. Check that it is running, or change its address in Options.');
    expect(failureText({ reason: 'timeout', message: 'It did not answer in time.' })).toMatchObject({
      title: 'The collector is slow to answer',
      action: 'retry',
    });
    expect(failureText({ reason: 'unauthorized', message: 'no' })).toMatchObject({ title: 'Your API token was refused', action: 'options' });
    expect(failureText({ reason: 'not-signed-in', message: '' })).toMatchObject({ action: 'options' });
  });

  it("passes the collector's own message on when it refuses a request", () => {
    expect(failureText({ reason: 'rejected', message: 'database is down' })).toMatchObject({
      title: 'The collector refused this request',
      detail: 'database is down',
    });
  });
});
