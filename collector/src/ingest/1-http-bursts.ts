/**
 * Security scanners open every link of a message at once. A click is a burst when the same network (IP /24 or
 * /48) clicked `threshold - 1` other links of the same message within `windowMs`. Kept in memory per collector,
 * as the last click time per link; bounded so a flood cannot grow it without limit.
 */
export interface BurstDetector {
  /** Records the click; true when it is part of a burst. */
  hit(network: string, messageId: string, link: number, at: number): boolean;
  /** Networks and messages remembered (for tests). */
  size(): number;
}

interface Recent {
  links: Map<number, number>;
  last: number;
}

export function createBurstDetector(opts: { windowMs?: number; threshold?: number; maxKeys?: number } = {}): BurstDetector {
  const windowMs = opts.windowMs ?? 1000;
  const threshold = opts.threshold ?? 3;
  const maxKeys = opts.maxKeys ?? 50_000;
  const recent = new Map<string, Recent>();

  // Only the last `windowMs` matter, so when full, what is older goes; if a flood keeps more than that busy, the
  // longest-known go first. (Cheaper than keeping the Map in least-recently-used order on every click.)
  function prune(now: number): void {
    for (const [key, r] of recent) if (now - r.last >= windowMs) recent.delete(key);
    for (const key of recent.keys()) {
      if (recent.size <= maxKeys * 0.9) break;
      recent.delete(key);
    }
  }

  return {
    hit(network, messageId, link, at) {
      const key = `${network}|${messageId}`;
      let r = recent.get(key);
      if (!r) {
        if (recent.size >= maxKeys) prune(at);
        recent.set(key, (r = { links: new Map(), last: at }));
      }
      r.links.set(link, at);
      r.last = Math.max(r.last, at);
      let distinct = 0;
      for (const [l, t] of r.links) {
        if (at - t < windowMs) distinct++;
        else r.links.delete(l);
      }
      return distinct >= threshold;
    },
    size: () => recent.size,
  };
}
