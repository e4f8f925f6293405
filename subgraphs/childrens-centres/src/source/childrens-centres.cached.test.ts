import { CountingDb, createLogger, MemoryCache, RedisCache, type Cache, type Db } from "@ffd/shared";
import { REDIS_TEST_URL, shouldRunRedisTests } from "../../../../tests/support/redis";
import { FIXTURE_REFERENCE_DATE, openFixtureDb } from "../testing/fixtures";
import { CachedChildrensCentresSource } from "./childrens-centres.cached";
import { PostgresChildrensCentresSource } from "./childrens-centres.postgres";

const logger = createLogger("test", "silent");

let db: Db;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(async () => {
  await db.close();
});

describe.each(["memory", "redis"] as const)("centre directory cached in %s", (kind) => {
  const prefix = `ffd-test:${process.pid}:${Date.now()}:cc:`;
  let makeCache: (() => Cache) | null = null;
  const opened: Cache[] = [];

  beforeAll(async () => {
    if (kind === "memory") {
      const shared = new MemoryCache();
      makeCache = () => shared;
    } else if (await shouldRunRedisTests()) {
      makeCache = () => new RedisCache(REDIS_TEST_URL, prefix);
    }
  });
  afterAll(async () => {
    for (const c of opened) {
      await c.delete(["centre-directory"]);
      await c.close();
    }
  });

  it("asks the case system once for the directory across requests and replicas, and never caches people", async () => {
    if (!makeCache) return;
    const counting = new CountingDb(db);
    const replica = () => {
      const cache = makeCache!();
      opened.push(cache);
      return new CachedChildrensCentresSource(new PostgresChildrensCentresSource(counting), cache, logger);
    };
    const [a, b] = [replica(), replica()];
    const direct = await new PostgresChildrensCentresSource(db).allCentres();
    expect(direct.length).toBeGreaterThan(0);

    expect(await a.allCentres()).toEqual(direct);
    expect(await a.allCentres()).toEqual(direct);
    expect(await b.allCentres()).toEqual(direct);
    expect(counting.statements.filter((s) => /cc_centre/.test(s))).toHaveLength(1);

    counting.reset();
    await a.membersByRef(["M0000001"]);
    await b.membersByRef(["M0000001"]);
    await a.attendanceByMember(["M0000001"], FIXTURE_REFERENCE_DATE);
    await b.attendanceByMember(["M0000001"], FIXTURE_REFERENCE_DATE);
    expect(counting.count).toBe(4);
  });
});
