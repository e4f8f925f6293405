import Redis from "ioredis";

/**
 * A cross-request cache of JSON values. Used only as a decorator around an agency port (never
 * inside resolvers): for reference data (the centre directory) and for agency records as the
 * agency system answered them, before any access policy is applied (the agency kit's record
 * cache, `agency-kit/record-cache.ts`), so it holds personal data for at most its short TTL and
 * must be as private as the agency systems themselves. Redis when REDIS_URL is set, else in memory.
 */
export interface Cache {
  readonly kind: "redis" | "memory";
  /** The values for the keys, in key order, undefined where absent. */
  getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]>;
  setMany<T>(entries: ReadonlyArray<readonly [string, T]>, ttlSeconds: number): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  /** Drops every key that starts with `prefix` (an agency's records, when its database was generated again). */
  clear(prefix: string): Promise<void>;
  close(): Promise<void>;
  /**
   * Resolves true once the cache answers, false when it does not within `timeoutMs` (a service
   * then starts anyway, uncached until it does); a cache in memory answers at once.
   */
  ready?(timeoutMs?: number): Promise<boolean>;
}

/** How many entries the in-memory cache holds by default (CACHE_MAX_ENTRIES). */
export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;
/** How long a Redis command may take before the cache is bypassed (REDIS_COMMAND_TIMEOUT_MS). */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 250;

/** An in-process cache with expiry and a bound on entries (least recently used evicted first). */
export class MemoryCache implements Cache {
  readonly kind = "memory" as const;
  private readonly entries = new Map<string, { value: string; expires: number }>();

  constructor(
    private readonly maxEntries = DEFAULT_CACHE_MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    const t = this.now();
    return keys.map((k) => {
      const e = this.entries.get(k);
      if (!e) return undefined;
      this.entries.delete(k);
      if (e.expires <= t) return undefined;
      // Read again: it moves to the newest end, so the least recently used goes first.
      this.entries.set(k, e);
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

  async clear(prefix: string): Promise<void> {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}

/**
 * Redis through ioredis; keys are namespaced by `prefix`. Every wait is bounded: a command not
 * answered within `commandTimeoutMs` fails, and while the connection is down commands fail at
 * once (no offline queue piling up requests) and are not retried, so a caller falls through to
 * the source; ioredis keeps reconnecting in the background.
 */
export class RedisCache implements Cache {
  readonly kind = "redis" as const;
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
    commandTimeoutMs = DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
  ) {
    this.redis = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: commandTimeoutMs,
      connectTimeout: Math.max(1000, commandTimeoutMs),
      retryStrategy: (times) => Math.min(times * 200, 5000),
    });
    // A dropped connection must not crash the service; commands report it and callers fall through.
    this.redis.on("error", () => undefined);
  }

  ready(timeoutMs = 2000): Promise<boolean> {
    if (this.redis.status === "ready") return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (answer: boolean) => {
        clearTimeout(timer);
        this.redis.off("ready", onReady);
        resolve(answer);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      timer.unref();
      this.redis.once("ready", onReady);
    });
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

  /**
   * SCAN for the prefix's keys a batch at a time and UNLINK each batch (freed in the background):
   * never KEYS, which would stall every other client of a large Redis. Each command is bounded by
   * the command timeout.
   */
  async clear(prefix: string): Promise<void> {
    const pattern = (this.prefix + prefix).replace(/[*?[\]\\]/g, (c) => `\\${c}`) + "*";
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      if (keys.length) await this.redis.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export interface CacheSettings {
  /** Redis when set; unset: in memory. */
  redisUrl?: string | undefined;
  /** The in-memory cache's bound (default DEFAULT_CACHE_MAX_ENTRIES). */
  maxEntries?: number;
  /** Redis: the longest wait for one command (default DEFAULT_REDIS_COMMAND_TIMEOUT_MS). */
  commandTimeoutMs?: number;
}

export function createCache(redisUrl: string | undefined, prefix: string, settings: CacheSettings = {}): Cache {
  return redisUrl
    ? new RedisCache(redisUrl, prefix, settings.commandTimeoutMs)
    : new MemoryCache(settings.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES);
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
  /** Told how many keys were served from the cache and how many were fetched (all of them when the cache failed). */
  counted: (hits: number, misses: number, failed: boolean) => void = () => undefined,
): Promise<(V | null)[]> {
  let cached: (V | undefined)[];
  try {
    cached = await cache.getMany<V>(keys.map(keyOf));
  } catch (err) {
    onError(err);
    counted(0, keys.length, true);
    return fetch(keys);
  }
  const missingIdx = keys.map((_, i) => i).filter((i) => cached[i] === undefined);
  const results: (V | null)[] = cached.map((v) => (v === undefined ? null : v));
  counted(keys.length - missingIdx.length, missingIdx.length, false);
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
