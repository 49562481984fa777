import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { reloadWhenReachable } from './reload-when-reachable';

describe('loading again once the collector can be reached', () => {
  const setup = (startReachable: boolean) => {
    const reachable = ref(startReachable);
    const status = ref('loading');
    const reload = vi.fn();
    reloadWhenReachable(
      () => reachable.value,
      () => status.value,
      reload,
    );
    return { reachable, status, reload };
  };

  it('reloads what failed while unreachable when the collector is back', async () => {
    const { reachable, status, reload } = setup(false);
    status.value = 'error';
    await nextTick();
    expect(reload).not.toHaveBeenCalled();
    reachable.value = true;
    await nextTick();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads a request that only failed after the collector was back', async () => {
    const { reachable, status, reload } = setup(false);
    reachable.value = true;
    await nextTick();
    status.value = 'error';
    await nextTick();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('does not ask a collector that refuses the request again and again', async () => {
    const { status, reload } = setup(true);
    status.value = 'error';
    await nextTick();
    status.value = 'loading';
    await nextTick();
    status.value = 'error';
    await nextTick();
    expect(reload).not.toHaveBeenCalled();
  });
});
