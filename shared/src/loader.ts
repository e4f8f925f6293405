import DataLoader from "dataloader";

/**
 * Orders rows to match the keys a DataLoader asked for: same length, same order, `null` for
 * a key with no row.
 */
export function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups rows under the keys they belong to: one (possibly empty) list per key, in key order. */
export function groupByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const k of keys) map.set(k, []);
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((k) => map.get(k) ?? []);
}

/** A per-request loader over a port's batch method (which must return results in key order). */
export function loaderFor<K, V>(
  batch: (keys: readonly K[]) => Promise<V[]>,
  options?: DataLoader.Options<K, V, K>,
): DataLoader<K, V> {
  return new DataLoader<K, V, K>(async (keys) => batch(keys), { maxBatchSize: 1000, ...options });
}
