/**
 * `compute` remembered per key, for pure functions of strings that see the same few keys again and again (user
 * agents, link templates). Bounded: past `limit` keys, the longest-remembered one is forgotten.
 */
export function memoize<V extends NonNullable<unknown>>(limit: number, compute: (key: string) => V): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    let v = known.get(key);
    if (v === undefined) {
      v = compute(key);
      if (known.size >= limit) known.delete(known.keys().next().value as string);
      known.set(key, v);
    }
    return v;
  };
}
