import { flushPromises } from '@vue/test-utils';

/** Polls `check` every 10 ms (running `tick` between polls, e.g. flushPromises) until it holds; throws after `ms`. */
export async function waitUntil(check: () => boolean, ms = 3000, tick: () => Promise<unknown> = async () => {}): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
    await tick();
  }
}

/** For components: Vue's pending updates run between polls. */
export const untilRendered = (check: () => boolean, ms = 3000) => waitUntil(check, ms, flushPromises);
