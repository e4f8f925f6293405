import { CountingDb, createLogger, MemoryCache, RedisCache, type Cache, type Db } from "@ffd/shared";
import { REDIS_TEST_URL, redisAvailable } from "../../../../tests/support/redis";
import { describeIf } from "../../../../tests/support/services";
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

const cachedSuite = (kind: "memory" | "redis") => () => {
  const prefix = `ffd-test:${process.pid}:${Date.now()}:cc:`;
  const opened: Cache[] = [];
  const memory = new MemoryCache();
  const makeCache = (): Cache => (kind === "memory" ? memory : new RedisCache(REDIS_TEST_URL, prefix));

  afterAll(async () => {
    for (const c of opened) {
      await c.delete(["centre-directory"]);
      await c.close();
    }
  });

  it("asks the case system once for the directory across requests and replicas, and never caches people", async () => {
    const counting = new CountingDb(db);
    const replica = () => {
      const cache = makeCache();
      opened.push(cache);
      return new CachedChildrensCentresSource(new PostgresChildrensCentresSource(counting), cache, logger);
    };
    const [a, b] = [replica(), replica()];
    for (const c of opened) expect(await c.ready?.()).not.toBe(false);
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
};

describe("centre directory cached in memory", cachedSuite("memory"));
describeIf(redisAvailable())("centre directory cached in Redis", cachedSuite("redis"));
