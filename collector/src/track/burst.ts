/**
 * Security scanners open every link of a message at once. A click is a burst when the same network (IP /24 or
 * /48) clicked `threshold - 1` other links of the same message within `windowMs`. Kept in memory per collector,
 * as the last click time per link; bounded so a flood cannot grow it without limit.
 */
export interface BurstDetector {
  /** Records the click; true when it is part of a burst. */
  hit(network: string, messageId: string, link: number, at: number): boolean;
}

export function createBurstDetector(opts: { windowMs?: number; threshold?: number; maxKeys?: number } = {}): BurstDetector {
  const windowMs = opts.windowMs ?? 1000;
  const threshold = opts.threshold ?? 3;
  const maxKeys = opts.maxKeys ?? 50_000;
  const recent = new Map<string, Map<number, number>>();
  return {
    hit(network, messageId, link, at) {
      const key = `${network}|${messageId}`;
      const links = recent.get(key) ?? new Map<number, number>();
      links.set(link, at);
      let distinct = 0;
      for (const [l, t] of links) {
        if (at - t < windowMs) distinct++;
        else links.delete(l);
      }
      recent.delete(key); // re-insert so the Map's order is least recently used first
      recent.set(key, links);
      if (recent.size > maxKeys) recent.delete(recent.keys().next().value as string);
      return distinct >= threshold;
    },
  };
}
