import Redis from "ioredis";

/**
 * A cross-request cache of JSON values. Used as a decorator around an agency port (never inside
 * resolvers), and only for reference data that is not about a person, so no personal data is
 * ever written to it. Redis when REDIS_URL is set, else in memory.
 */
export interface Cache {
  readonly kind: "redis" | "memory";
  /** The values for the keys, in key order, undefined where absent. */
  getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]>;
  setMany<T>(entries: ReadonlyArray<readonly [string, T]>, ttlSeconds: number): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** An in-process cache with expiry and a bound on entries (oldest written evicted first). */
export class MemoryCache implements Cache {
  readonly kind = "memory" as const;
  private readonly entries = new Map<string, { value: string; expires: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    const t = this.now();
    return keys.map((k) => {
      const e = this.entries.get(k);
      if (!e) return undefined;
      if (e.expires <= t) {
        this.entries.delete(k);
        return undefined;
      }
      return JSON.parse(e.value) as T;
    });
  }

  async setMany<T>(entries: ReadonlyArray<readonly [string, T]>, ttlSeconds: number): Promise<void> {
    const expires = this.now() + ttlSeconds * 1000;
    for (const [k, v] of entries) {
      this.entries.delete(k);
      this.entries.set(k, { value: JSON.stringify(v), expires });
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const k of keys) this.entries.delete(k);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}

/** Redis through ioredis; keys are namespaced by `prefix`. */
export class RedisCache implements Cache {
  readonly kind = "redis" as const;
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
    // A dropped connection must not crash the service; commands report it and callers fall through.
    this.redis.on("error", () => undefined);
  }

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await this.redis.mget(...keys.map((k) => this.prefix + k));
    return values.map((v) => (v === null ? undefined : (JSON.parse(v) as T)));
  }

  async setMany<T>(entries: ReadonlyArray<readonly [string, T]>, ttlSeconds: number): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.redis.multi();
    for (const [k, v] of entries)
      pipeline.set(this.prefix + k, JSON.stringify(v), "EX", Math.max(1, Math.round(ttlSeconds)));
    await pipeline.exec();
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((k) => this.prefix + k));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export function createCache(redisUrl: string | undefined, prefix: string): Cache {
  return redisUrl ? new RedisCache(redisUrl, prefix) : new MemoryCache();
}

/**
 * Read-through caching for a batch lookup: keys found in the cache are served from it, the rest
 * are fetched in one call and written back. A cache that fails is bypassed (and reported through
 * onError), never trusted over the source.
 */
export async function cachedBatch<K, V>(
  cache: Cache,
  keys: readonly K[],
  keyOf: (k: K) => string,
  fetch: (missing: readonly K[]) => Promise<(V | null)[]>,
  ttlSeconds: number,
  onError: (err: unknown) => void = () => undefined,
): Promise<(V | null)[]> {
  let cached: (V | undefined)[];
  try {
    cached = await cache.getMany<V>(keys.map(keyOf));
  } catch (err) {
    onError(err);
    return fetch(keys);
  }
  const missingIdx = keys.map((_, i) => i).filter((i) => cached[i] === undefined);
  const results: (V | null)[] = cached.map((v) => (v === undefined ? null : v));
  if (missingIdx.length === 0) return results;
  const fetched = await fetch(missingIdx.map((i) => keys[i]));
  const toWrite: [string, V][] = [];
  missingIdx.forEach((i, j) => {
    results[i] = fetched[j];
    if (fetched[j] !== null) toWrite.push([keyOf(keys[i]), fetched[j] as V]);
  });
  await cache.setMany(toWrite, ttlSeconds).catch(onError);
  return results;
}
