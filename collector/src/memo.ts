/**
 * Values kept per key, bounded: past `limit` keys, the longest-remembered one is forgotten. For what comes back again
 * and again (user agents, link templates, tokens, registered messages).
 */
export function remembered<V>(limit: number) {
  const known = new Map<string, V>();
  return {
    get: (key: string) => known.get(key),
    set(key: string, value: V): void {
      if (known.size >= limit && !known.has(key)) known.delete(known.keys().next().value as string);
      known.set(key, value);
    },
  };
}

/**
 * `compute` remembered per key, for pure functions of strings. A null answer is not remembered, so keys that come
 * once (a flood of forged tokens) cannot push the others out.
 */
export function memoize<V extends NonNullable<unknown> | null>(limit: number, compute: (key: string) => V): (key: string) => V {
  const known = remembered<V>(limit);
  return (key) => {
    let v = known.get(key);
    if (v === undefined) {
      v = compute(key);
      if (v !== null) known.set(key, v);
    }
    return v;
  };
}
