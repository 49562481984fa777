import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { reloadWhenReachable } from './reload-when-reachable';

describe('loading again once the collector can be reached', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const setup = (startReachable: boolean) => {
    const reachable = ref(startReachable);
    const status = ref('loading');
    const reload = vi.fn();
    const scope = effectScope();
    scope.run(() =>
      reloadWhenReachable(
        () => reachable.value,
        () => status.value,
        reload,
      ),
    );
    return { reachable, status, reload, scope };
  };
  /** Lets the watcher run and the reload's timer fire. */
  const settle = async (ms = 0) => {
    await nextTick();
    await vi.advanceTimersByTimeAsync(ms);
  };

  it('reloads what failed while unreachable when the collector is back', async () => {
    const { reachable, status, reload } = setup(false);
    status.value = 'error';
    await settle();
    expect(reload).not.toHaveBeenCalled();
    reachable.value = true;
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads a request that only failed after the collector was back', async () => {
    const { reachable, status, reload } = setup(false);
    reachable.value = true;
    await settle();
    status.value = 'error';
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('tries again, spaced out, when the reload right after the outage fails too; then stops', async () => {
    const { reachable, status, reload } = setup(false);
    status.value = 'error';
    reachable.value = true;
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
    // That reload fails too: again after 2 s.
    status.value = 'loading';
    await settle();
    status.value = 'error';
    await settle(1999);
    expect(reload).toHaveBeenCalledTimes(1);
    await settle(1);
    expect(reload).toHaveBeenCalledTimes(2);
    // And again: after 8 s.
    status.value = 'loading';
    await settle();
    status.value = 'error';
    await settle(7999);
    expect(reload).toHaveBeenCalledTimes(2);
    await settle(1);
    expect(reload).toHaveBeenCalledTimes(3);
    // A third failure is the collector's answer: the error stays, with its Retry button.
    status.value = 'loading';
    await settle();
    status.value = 'error';
    await settle(60_000);
    expect(reload).toHaveBeenCalledTimes(3);
  });

  it('asks nothing more once its component is gone', async () => {
    const { reachable, status, reload, scope } = setup(false);
    status.value = 'error';
    reachable.value = true;
    await settle();
    status.value = 'loading';
    await settle();
    status.value = 'error';
    await nextTick();
    scope.stop();
    await settle(10_000);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('does not ask a collector that refuses the request again and again', async () => {
    const { status, reload } = setup(true);
    status.value = 'error';
    await settle(10_000);
    status.value = 'loading';
    await settle();
    status.value = 'error';
    await settle(10_000);
    expect(reload).not.toHaveBeenCalled();
  });
});
