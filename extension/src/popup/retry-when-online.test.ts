import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { retryWhenOnline } from './retry-when-online';

describe('loading again once back online', () => {
  const setup = (startOnline: boolean) => {
    const online = ref(startOnline);
    const status = ref('loading');
    const retry = vi.fn();
    retryWhenOnline(() => online.value, () => status.value, retry);
    return { online, status, retry };
  };

  it('retries what failed while offline when the connection returns', async () => {
    const { online, status, retry } = setup(false);
    status.value = 'error';
    await nextTick();
    expect(retry).not.toHaveBeenCalled();
    online.value = true;
    await nextTick();
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('retries a request that only failed after the connection returned', async () => {
    const { online, status, retry } = setup(false);
    online.value = true;
    await nextTick();
    status.value = 'error';
    await nextTick();
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('does not ask a collector that is down again and again', async () => {
    const { status, retry } = setup(true);
    status.value = 'error';
    await nextTick();
    status.value = 'loading';
    await nextTick();
    status.value = 'error';
    await nextTick();
    expect(retry).not.toHaveBeenCalled();
  });
});
