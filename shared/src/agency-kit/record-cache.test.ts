import net from "node:net";
import { capturingLogger } from "../../../tests/support/agency";
import { REDIS_TEST_URL, redisAvailable } from "../../../tests/support/redis";
import { describeIf } from "../../../tests/support/services";
import { MemoryCache, RedisCache, type Cache } from "../cache";
import { ConfigError, parseConfig } from "../config";
import { agencyEnv } from "./config";
import { agencyRuntimeOf } from "./runner";
import { cacheLookups } from "../metrics";
import { cachedAgencySource, recordCacheKey } from "./record-cache";

/*
 * The record cache around a port (a counting port written here): read-through by record id, only
 * the methods named, TTL, invalidation by changed local ids, hit/miss counts, and a Redis that is
 * down, hangs or goes away mid-test giving the system's answers, never an error.
 */

interface Rec {
  id: string;
  version: number;
}
interface EntryRef {
  district: string;
  entry: number;
}

class CountingPort {
  readonly calls: string[][] = [];
  version = 1;
  readonly known = new Set(["A1", "A2", "A3"]);
  async people(ids: readonly string[]): Promise<(Rec | null)[]> {
    this.calls.push(["people", ...ids]);
    return ids.map((id) => (this.known.has(id) ? { id, version: this.version } : null));
  }
  async entries(refs: readonly EntryRef[]): Promise<(Rec | null)[]> {
    this.calls.push(["entries", ...refs.map((r) => `${r.district}:${r.entry}`)]);
    return refs.map((r) => ({ id: `${r.district}:${r.entry}`, version: this.version }));
  }
  /** Not a batch of keys: never cached. */
  async onDay(ids: readonly string[], day: string): Promise<string[]> {
    this.calls.push(["onDay", ...ids]);
    return ids.map((id) => `${id}@${day}`);
  }
}

const agency = "maternity";
const methods = {
  people: {},
  entries: {
    key: (r: EntryRef) => `${r.district}:${r.entry}`,
    keysFor: (localId: string) => [localId.split(":").slice(0, 2).join(":")],
  },
};

async function lookups(method: string): Promise<Record<string, number>> {
  const metric = await cacheLookups.get();
  return Object.fromEntries(
    metric.values
      .filter((v) => v.labels.agency === agency && v.labels.method === method)
      .map((v) => [String(v.labels.result), v.value]),
  );
}

const suite = (kind: "memory" | "redis") => () => {
  const prefix = `ffd-test:${process.pid}:${Date.now()}:record:`;
  let t = 0;
  let cache: Cache;
  beforeAll(async () => {
    cache = kind === "memory" ? new MemoryCache(100, () => t) : new RedisCache(REDIS_TEST_URL, prefix);
    expect(await cache.ready?.()).not.toBe(false);
  });
  afterAll(async () => {
    await cache.delete(
      ["A1", "A2", "A3", "B4"]
        .map((id) => recordCacheKey(agency, "people", id))
        .concat(recordCacheKey(agency, "entries", "D:7")),
    );
    await cache.close();
  });

  it("serves a record read once from the cache, counts hits and misses, and leaves other methods alone", async () => {
    const port = new CountingPort();
    const logger = capturingLogger();
    const cached = cachedAgencySource(port, { agency, cache, ttlSeconds: 60, logger, methods });
    const before = await lookups("people");
    expect(await cached.people(["A1", "A2", "B4"])).toEqual([{ id: "A1", version: 1 }, { id: "A2", version: 1 }, null]);
    port.version = 2;
    // A1 and A2 from the cache; B4 (not held: never cached) and A3 from the port, in one call.
    expect(await cached.people(["A2", "B4", "A3", "A1"])).toEqual([
      { id: "A2", version: 1 },
      null,
      { id: "A3", version: 2 },
      { id: "A1", version: 1 },
    ]);
    expect(port.calls).toEqual([
      ["people", "A1", "A2", "B4"],
      ["people", "B4", "A3"],
    ]);
    const after = await lookups("people");
    expect((after.hit ?? 0) - (before.hit ?? 0)).toBe(2);
    expect((after.miss ?? 0) - (before.miss ?? 0)).toBe(5);
    // A method that is not a batch of keys alone goes to the port every time.
    await cached.onDay(["A1"], "2025-01-01");
    await cached.onDay(["A1"], "2025-01-01");
    expect(port.calls.filter((c) => c[0] === "onDay")).toHaveLength(2);
    expect(logger.lines.filter((l) => l.level !== "debug")).toEqual([]);
  });

  it("drops a changed record's keys on invalidate, for every cached method", async () => {
    const port = new CountingPort();
    const cached = cachedAgencySource(port, { agency, cache, ttlSeconds: 60, logger: capturingLogger(), methods });
    await cached.invalidate(["A3", "D:7:child"]);
    await cached.people(["A3"]);
    await cached.entries([{ district: "D", entry: 7 }]);
    port.version = 3;
    expect(await cached.people(["A3"])).toEqual([{ id: "A3", version: 1 }]);
    expect(await cached.invalidate(["A3", "D:7:mother"])).toBe(true);
    expect(await cached.people(["A3"])).toEqual([{ id: "A3", version: 3 }]);
    expect(await cached.entries([{ district: "D", entry: 7 }])).toEqual([{ id: "D:7", version: 3 }]);
  });

  it("drops every record of the agency on clear, and nothing of another agency or of the cache's other keys", async () => {
    const port = new CountingPort();
    const cached = cachedAgencySource(port, { agency, cache, ttlSeconds: 60, logger: capturingLogger(), methods });
    const other = cachedAgencySource(port, {
      agency: "registration",
      cache,
      ttlSeconds: 60,
      logger: capturingLogger(),
      methods,
    });
    // In Redis, enough keys that SCAN goes round more than once (the memory cache here holds 100).
    const many = Array.from({ length: kind === "redis" ? 2500 : 50 }, (_, i) => `C${i}`);
    for (const id of many) port.known.add(id);
    await cache.setMany([["directory:centres", "kept"]], 60);
    await cached.invalidate([...many, "D:8:child"]);
    await other.invalidate(["C1"]);
    await cached.people(many);
    await cached.entries([{ district: "D", entry: 8 }]);
    await other.people(["C1"]);
    port.version = 5;
    const [first, last] = [many[0], many[many.length - 1]];
    expect(await cached.people([first, last])).toEqual([
      { id: first, version: 1 },
      { id: last, version: 1 },
    ]);
    expect(await cached.clear()).toBe(true);
    expect(await cached.people([first, last])).toEqual([
      { id: first, version: 5 },
      { id: last, version: 5 },
    ]);
    expect(await cached.entries([{ district: "D", entry: 8 }])).toEqual([{ id: "D:8", version: 5 }]);
    expect(await other.people(["C1"])).toEqual([{ id: "C1", version: 1 }]);
    expect(await cache.getMany(["directory:centres"])).toEqual(["kept"]);
    await cached.clear();
    await other.clear();
    await cache.delete(["directory:centres"]);
  });

  it("keeps a record no longer than its TTL", async () => {
    const port = new CountingPort();
    const cached = cachedAgencySource(port, { agency, cache, ttlSeconds: 1, logger: capturingLogger(), methods });
    await cached.invalidate(["A1"]);
    await cached.people(["A1"]);
    port.version = 4;
    expect(await cached.people(["A1"])).toEqual([{ id: "A1", version: 1 }]);
    if (kind === "memory") t += 1000;
    else await new Promise((r) => setTimeout(r, 1100));
    expect(await cached.people(["A1"])).toEqual([{ id: "A1", version: 4 }]);
  });

  it("caches nothing with a TTL of 0", async () => {
    const port = new CountingPort();
    const cached = cachedAgencySource(port, { agency, cache, ttlSeconds: 0, logger: capturingLogger(), methods });
    await cached.people(["A2"]);
    await cached.people(["A2"]);
    expect(port.calls).toHaveLength(2);
  });
};

describe("the record cache in memory", suite("memory"));
describeIf(redisAvailable())("the record cache in Redis", suite("redis"));

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** What a Redis outage must look like from outside: the port's answers, one warning without a key, errors counted. */
async function answersThroughOutage(cache: Cache, logger: ReturnType<typeof capturingLogger>) {
  const port = new CountingPort();
  const cached = cachedAgencySource(port, { agency, cache, ttlSeconds: 60, logger, methods });
  const before = await lookups("people");
  const started = Date.now();
  expect(await cached.people(["A1", "B4"])).toEqual([{ id: "A1", version: 1 }, null]);
  expect(await cached.people(["A1"])).toEqual([{ id: "A1", version: 1 }]);
  // Bounded: a wait of the command timeout at most per read, not the jest timeout.
  expect(Date.now() - started).toBeLessThan(3000);
  expect(port.calls).toHaveLength(2);
  expect(await cached.invalidate(["A1"])).toBe(false);
  const warnings = logger.lines.filter((l) => l.event === "cache.unavailable");
  expect(warnings).toHaveLength(1);
  expect(JSON.stringify(warnings)).not.toMatch(/A1|B4|record:/);
  expect(warnings[0].fields).toMatchObject({ agency, cache: "redis" });
  expect(((await lookups("people")).error ?? 0) - (before.error ?? 0)).toBe(3);
}

describe("a Redis outage gives uncached answers, never errors", () => {
  it("Redis not listening at all", async () => {
    const cache = new RedisCache(`redis://127.0.0.1:${await closedPort()}`, "ffd-test:", 100);
    try {
      expect(await cache.ready(300)).toBe(false);
      await answersThroughOutage(cache, capturingLogger());
    } finally {
      await cache.close();
    }
  });

  it("Redis answering its ready check, then hanging: each command gives up after its timeout", async () => {
    const sockets = new Set<net.Socket>();
    let commands = 0;
    const hung = net.createServer((s) => {
      sockets.add(s);
      s.on("error", () => undefined);
      // Each command (a RESP array) in turn: the connection's set-up (CLIENT ...) and ioredis's
      // ready check (INFO) are answered; every later command, nothing at all.
      let pending = "";
      s.on("data", (chunk) => {
        pending += chunk.toString("latin1");
        for (let taken = takeCommand(pending); taken; taken = takeCommand(pending)) {
          pending = taken.rest;
          const name = taken.args[0]?.toUpperCase();
          if (name === "INFO") s.write("$0\r\n\r\n");
          else if (name === "CLIENT" || name === "SELECT") s.write("+OK\r\n");
          else commands += 1;
        }
      });
    });
    await new Promise<void>((r) => hung.listen(0, "127.0.0.1", r));
    const cache = new RedisCache(`redis://127.0.0.1:${(hung.address() as net.AddressInfo).port}`, "ffd-test:", 100);
    try {
      expect(await cache.ready()).toBe(true);
      await answersThroughOutage(cache, capturingLogger());
      // The commands were sent and waited for (then timed out), not refused before sending.
      expect(commands).toBeGreaterThan(0);
    } finally {
      await cache.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => hung.close(r));
    }
  });
});

describeIf(redisAvailable())("Redis going away mid-test", () => {
  it("serves from Redis, then from the system while it is gone, then from Redis again", async () => {
    const target = new URL(REDIS_TEST_URL);
    const sockets = new Set<net.Socket>();
    const relay = () =>
      net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 6379), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("error", () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
    let proxy = relay();
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    const proxyPort = (proxy.address() as net.AddressInfo).port;
    const prefix = `ffd-test:${process.pid}:${Date.now()}:midtest:`;
    const cache = new RedisCache(`redis://127.0.0.1:${proxyPort}`, prefix, 100);
    const logger = capturingLogger();
    const port = new CountingPort();
    const cached = cachedAgencySource(port, { agency, cache, ttlSeconds: 60, logger, methods });
    try {
      expect(await cache.ready()).toBe(true);
      await cached.people(["A2"]);
      await cached.people(["A2"]);
      expect(port.calls).toHaveLength(1);

      // Redis goes away: the relay stops and every connection through it is cut.
      await new Promise<void>((r) => {
        proxy.close(() => r());
        for (const s of sockets) s.destroy();
      });
      port.version = 5;
      expect(await cached.people(["A2"])).toEqual([{ id: "A2", version: 5 }]);
      expect(await cached.people(["A2"])).toEqual([{ id: "A2", version: 5 }]);
      expect(port.calls).toHaveLength(3);
      expect(logger.lines.filter((l) => l.event === "cache.unavailable")).toHaveLength(1);

      // It comes back on the same address: ioredis reconnects and the cache is used again.
      proxy = relay();
      await new Promise<void>((r) => proxy.listen(proxyPort, "127.0.0.1", r));
      expect(await cache.ready(10_000)).toBe(true);
      expect(await cached.people(["A2"])).toEqual([{ id: "A2", version: 1 }]);
      expect(logger.lines.map((l) => l.event)).toEqual(["cache.unavailable", "cache.available"]);
    } finally {
      await cache.delete([recordCacheKey(agency, "people", "A2")]).catch(() => undefined);
      await cache.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => proxy.close(r));
    }
  });
});

describe("the record cache's settings", () => {
  const env = (extra: Record<string, string>) => ({ INTERNAL_TOKEN_SECRET: "s".repeat(32), ...extra });

  it("defaults to a 30 s TTL in a bounded memory cache, metrics open outside production only", async () => {
    const config = parseConfig("maternity", agencyEnv("maternity"), env({}));
    expect([
      config.AGENCY_CACHE_TTL_SECONDS,
      config.AGENCY_CACHE_INVALIDATE_MS,
      config.CACHE_MAX_ENTRIES,
      config.REDIS_COMMAND_TIMEOUT_MS,
    ]).toEqual([30, 1000, 10_000, 250]);
    const runtime = agencyRuntimeOf("maternity", config);
    expect(runtime.recordCache?.cache.kind).toBe("memory");
    expect(runtime.recordCache?.ttlSeconds).toBe(30);
    expect(runtime.recordCache?.invalidateMs).toBe(1000);
    expect(runtime.metrics).toEqual({ token: undefined, production: false });
    await runtime.recordCache?.cache.close();
  });

  it("uses Redis with REDIS_URL, and refuses settings out of bounds, listing each", async () => {
    const config = parseConfig("maternity", agencyEnv("maternity"), env({ REDIS_URL: "redis://127.0.0.1:1" }));
    const runtime = agencyRuntimeOf("maternity", config);
    expect(runtime.recordCache?.cache.kind).toBe("redis");
    await runtime.recordCache?.cache.close();
    let problems: string[] = [];
    try {
      parseConfig(
        "maternity",
        agencyEnv("maternity"),
        env({
          AGENCY_CACHE_TTL_SECONDS: "3600",
          AGENCY_CACHE_INVALIDATE_MS: "50",
          REDIS_COMMAND_TIMEOUT_MS: "0",
          METRICS_TOKEN: "short",
        }),
      );
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "AGENCY_CACHE_INVALIDATE_MS",
      "AGENCY_CACHE_TTL_SECONDS",
      "METRICS_TOKEN",
      "REDIS_COMMAND_TIMEOUT_MS",
    ]);
  });
});

/** The first whole RESP command (an array of bulk strings) in `text`, and what follows it; null until it has all arrived. */
function takeCommand(text: string): { args: string[]; rest: string } | null {
  const head = /^\*(\d+)\r\n/.exec(text);
  if (!head) return null;
  const args: string[] = [];
  let at = head[0].length;
  for (let i = 0; i < Number(head[1]); i++) {
    const bulk = /^\$(\d+)\r\n/.exec(text.slice(at));
    if (!bulk || text.length < at + bulk[0].length + Number(bulk[1]) + 2) return null;
    args.push(text.slice(at + bulk[0].length, at + bulk[0].length + Number(bulk[1])));
    at += bulk[0].length + Number(bulk[1]) + 2;
  }
  return { args, rest: text.slice(at) };
}
