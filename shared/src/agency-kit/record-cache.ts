import { cachedBatch, type Cache } from "../cache";
import type { Agency } from "../errors";
import { errorFields, type Logger } from "../log";
import { countCacheLookups } from "../metrics";

/**
 * THE RECORD CACHE: a decorator around an agency's port that keeps, across requests and (with
 * Redis) across replicas, the records its batch methods answered, keyed by the agency, the
 * method and the local record id. It sits below the per-request loaders and the access policy:
 * what it holds is the agency system's answer before any policy, and every caller's request still
 * goes through the resolvers, which apply the caller's grant to the record whether it came from
 * the cache or the system. Nothing in a key or a value depends on who asked, so nothing can cross
 * from one role to another.
 *
 * Only methods keyed by a record id alone are cached (never one that also takes a date or a
 * period, a feed or a list of a locality): a record changes only when the agency changes it, and
 * `invalidate(localIds)` drops a changed record's keys at once (the agency's own change log calls
 * it, through RecordCacheInvalidator) and `clear()` all of the agency's; otherwise an entry lives
 * for the short TTL. A null answer (no such record) is never cached.
 * A cache that fails is bypassed: the system answers, once per outage a warning is logged (the
 * error's name and code, never a key), and the lookups are counted as errors in
 * `ffd_cache_lookups_total`.
 */

/** The key type of a port method that takes only a batch of keys; never for any other method. */
type BatchKey<F> = F extends (keys: readonly (infer K)[]) => Promise<readonly unknown[]> ? K : never;

/** How one batch method is cached. */
export type RecordCacheMethod<K> = {
  /**
   * The keys to drop when the agency reports a change to the record with local id `localId`
   * (default: that id, for a method keyed by local id). A method keyed otherwise (a registration
   * entry, read for each of the people on it) names the keys the change touches.
   */
  keysFor?: (localId: string) => string[];
} & (K extends string
  ? { /** The key in the cache (default: the local id itself). */ key?: (k: K) => string }
  : { /** The key in the cache: a string naming the record. */ key: (k: K) => string });

/** Which of a port's batch methods are cached, by method name. */
export type RecordCacheMethods<Src> = {
  [M in keyof Src]?: [BatchKey<Src[M]>] extends [never] ? never : RecordCacheMethod<BatchKey<Src[M]>>;
};

/** What the record cache adds to a port: dropping the keys of changed records. */
export interface RecordInvalidation {
  /**
   * Drops every cached answer about these local record ids (for each cached method); resolves
   * false when the cache could not be reached (logged once, never with an id), true otherwise.
   */
  invalidate(localIds: readonly string[]): Promise<boolean>;
  /**
   * Drops every cached answer of the agency (all its records, every method: when its database was
   * generated again or restored); resolves false when the cache could not be reached, as above.
   */
  clear(): Promise<boolean>;
}

/** The cache an agency's records are kept in and for how long (AGENCY_CACHE_TTL_SECONDS; 0: not cached). */
export interface AgencyRecordCacheSettings {
  cache: Cache;
  ttlSeconds: number;
  /**
   * How often the agency's change log is read to drop the records that changed
   * (AGENCY_CACHE_INVALIDATE_MS; default DEFAULT_CACHE_INVALIDATE_MS); see cache-invalidation.ts.
   */
  invalidateMs?: number;
}

export interface RecordCacheOptions<Src> extends AgencyRecordCacheSettings {
  agency: Agency;
  logger: Logger;
  methods: RecordCacheMethods<Src>;
}

/** The cache key of one record answer: agency, method, record. */
export function recordCacheKey(agency: Agency, method: string, key: string): string {
  return `${recordCachePrefix(agency)}${method}:${key}`;
}

/** What every cache key of the agency's records starts with. */
export function recordCachePrefix(agency: Agency): string {
  return `record:${agency}:`;
}

/**
 * The port with its record methods cached (see above); every other method is the port's own.
 * With a TTL of 0 nothing is cached and `invalidate` does nothing.
 */
export function cachedAgencySource<Src extends object>(
  source: Src,
  options: RecordCacheOptions<Src>,
): Src & RecordInvalidation {
  const { agency, cache, ttlSeconds, logger } = options;
  const methods = ttlSeconds > 0 ? (Object.entries(options.methods) as [string, RecordCacheMethod<unknown>][]) : [];
  let down = false;
  const unavailable = (err: unknown) => {
    if (down) return;
    down = true;
    logger.warn("cache.unavailable", { agency, cache: cache.kind, ...errorFields(err) });
  };
  const answered = () => {
    if (!down) return;
    down = false;
    logger.info("cache.available", { agency, cache: cache.kind });
  };

  const wrapped = new Map<string, unknown>();
  for (const [name, method] of methods) {
    const inner = (source as Record<string, unknown>)[name];
    if (typeof inner !== "function") throw new Error(`${agency}: the port has no method ${name} to cache`);
    const keyOf = (k: unknown) => recordCacheKey(agency, name, method.key ? method.key(k) : String(k));
    const counted = countCacheLookups(agency, name);
    wrapped.set(name, (keys: readonly unknown[]) =>
      cachedBatch(
        cache,
        keys,
        keyOf,
        (missing) => (inner as (ks: readonly unknown[]) => Promise<unknown[]>).call(source, missing),
        ttlSeconds,
        unavailable,
        (hits, misses, failed) => {
          counted(hits, misses, failed);
          if (!failed) answered();
        },
      ),
    );
  }

  const invalidate = async (localIds: readonly string[]): Promise<boolean> => {
    const keys = methods.flatMap(([name, method]) =>
      localIds.flatMap((id) =>
        (method.keysFor ? method.keysFor(id) : [id]).map((k) => recordCacheKey(agency, name, k)),
      ),
    );
    if (keys.length === 0) return true;
    try {
      await cache.delete(keys);
      answered();
      return true;
    } catch (err) {
      unavailable(err);
      return false;
    }
  };

  const clear = async (): Promise<boolean> => {
    if (methods.length === 0) return true;
    try {
      await cache.clear(recordCachePrefix(agency));
      answered();
      return true;
    } catch (err) {
      unavailable(err);
      return false;
    }
  };

  return new Proxy(source, {
    get(target, prop, receiver) {
      if (prop === "invalidate") return invalidate;
      if (prop === "clear") return clear;
      if (typeof prop === "string" && wrapped.has(prop)) return wrapped.get(prop);
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as Src & RecordInvalidation;
}
