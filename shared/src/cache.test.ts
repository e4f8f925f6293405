import { describeIf } from "../../tests/support/services";
import { REDIS_TEST_URL, redisAvailable } from "../../tests/support/redis";
import { cachedBatch, MemoryCache, RedisCache, type Cache } from "./cache";

const prefix = `ffd-test:${process.pid}:${Date.now()}:`;

const cacheSuite = (kind: "memory" | "redis") => () => {
  let cache: Cache;

  beforeAll(async () => {
    cache = kind === "memory" ? new MemoryCache() : new RedisCache(REDIS_TEST_URL, prefix);
    // Without an offline queue, a command before the connection is up is refused (and the cache bypassed).
    expect(await cache.ready?.()).not.toBe(false);
  });
  afterAll(async () => {
    if (cache instanceof RedisCache) {
      await cache.delete(["a", "b", "c", "centre:CC01", "centre:CC02", "centre:CC03"]);
    }
    await cache.close();
  });

  it("returns values in key order, undefined where absent, and deletes", async () => {
    await cache.setMany(
      [
        ["a", { n: 1 }],
        ["c", ["x"]],
      ],
      60,
    );
    expect(await cache.getMany(["a", "b", "c"])).toEqual([{ n: 1 }, undefined, ["x"]]);
    await cache.delete(["a"]);
    expect(await cache.getMany(["a", "c"])).toEqual([undefined, ["x"]]);
  });

  it("reads through: only missing keys are fetched, in one call, and written back", async () => {
    const calls: string[][] = [];
    const fetch = async (codes: readonly string[]) => {
      calls.push([...codes]);
      return codes.map((c) => (c === "CC03" ? null : { code: c, name: `Centre ${c}` }));
    };
    const key = (c: string) => `centre:${c}`;
    expect(await cachedBatch(cache, ["CC01", "CC02"], key, fetch, 60)).toEqual([
      { code: "CC01", name: "Centre CC01" },
      { code: "CC02", name: "Centre CC02" },
    ]);
    expect(await cachedBatch(cache, ["CC02", "CC03", "CC01"], key, fetch, 60)).toEqual([
      { code: "CC02", name: "Centre CC02" },
      null,
      { code: "CC01", name: "Centre CC01" },
    ]);
    // The second call fetched only CC03; a null result is not cached, so it is asked again.
    expect(calls).toEqual([["CC01", "CC02"], ["CC03"]]);
    await cachedBatch(cache, ["CC03"], key, fetch, 60);
    expect(calls).toHaveLength(3);
  });
};

describe("cache in memory", cacheSuite("memory"));
describeIf(redisAvailable())("cache in Redis", cacheSuite("redis"));

describe("memory cache", () => {
  it("expires entries and evicts the oldest beyond its bound", async () => {
    let t = 0;
    const cache = new MemoryCache(2, () => t);
    await cache.setMany([["a", 1]], 10);
    t = 9_999;
    expect(await cache.getMany(["a"])).toEqual([1]);
    t = 10_000;
    expect(await cache.getMany(["a"])).toEqual([undefined]);
    await cache.setMany(
      [
        ["x", 1],
        ["y", 2],
        ["z", 3],
      ],
      10,
    );
    expect(await cache.getMany(["x", "y", "z"])).toEqual([undefined, 2, 3]);
  });

  it("bypasses a failing cache and still answers from the source", async () => {
    const broken: Cache = {
      kind: "memory",
      getMany: async () => {
        throw new Error("down");
      },
      setMany: async () => undefined,
      delete: async () => undefined,
      clear: async () => undefined,
      close: async () => undefined,
    };
    const errors: unknown[] = [];
    const result = await cachedBatch(
      broken,
      ["k"],
      (k) => k,
      async (ks) => ks.map((k) => `v-${k}`),
      60,
      (e) => errors.push(e),
    );
    expect(result).toEqual(["v-k"]);
    expect(errors).toHaveLength(1);
  });
});
