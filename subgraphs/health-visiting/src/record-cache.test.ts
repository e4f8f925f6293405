import { callerFor, CountingDb, createLogger, MemoryCache, RedisCache, type Cache, type Caller } from "@ffd/shared";
import { inProcess } from "../../../tests/support/agency";
import { REDIS_TEST_URL, redisAvailable } from "../../../tests/support/redis";
import { TEST_SECRETS } from "../../../tests/support/secrets";
import { describeIf } from "../../../tests/support/services";
import { createServer, type HealthVisitingServer } from "./server";
import { FIXTURE_REFERENCE_DATE, openFixtureDb } from "./testing/health-visiting.fixture";

/*
 * The record cache's role safety, through the real subgraph: the resolvers, the access policy and
 * the guarded loaders over the cached port. A patient's record cached by a health visitor's read
 * (with a relationship: everything) is then read by a registrar (no health visiting at all) and by
 * a front-door worker (a summary): each sees only what the policy gives their role, although the
 * record now comes from the cache and the patient system is not asked again.
 */

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person { id healthVisiting { localIds team namedHealthVisitor mandatedReviews { type status } contacts { date type outcome } } }
  }
}`;

const ZARA = {
  __typename: "Person",
  id: "person-zara",
  healthVisitingRecordIds: ["1002"],
  legitimateRelationship: true,
};

const HEALTH_VISITOR = callerFor("health-visitor", "direct-care");
const REGISTRAR = callerFor("registrar", "registration");
const FRONT_DOOR = callerFor("front-door", "early-help");

type Answer = {
  data?: { _entities: { id: string; healthVisiting: Record<string, unknown> | null }[] } | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
};

const roleSafety = (kind: "memory" | "redis") => () => {
  const prefix = `ffd-test:${process.pid}:${Date.now()}:hv:`;
  let db: CountingDb;
  let cache: Cache;
  let server: Awaited<ReturnType<typeof inProcess>>;
  let built: HealthVisitingServer;

  beforeAll(async () => {
    db = new CountingDb(await openFixtureDb());
    cache = kind === "memory" ? new MemoryCache() : new RedisCache(REDIS_TEST_URL, prefix);
    expect(await cache.ready?.()).not.toBe(false);
    built = await createServer({
      db,
      config: { REFERENCE_DATE: FIXTURE_REFERENCE_DATE, INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET },
      logger: createLogger("health-visiting", "silent"),
      runtime: { recordCache: { cache, ttlSeconds: 60 }, metrics: { token: undefined, production: false } },
    });
    server = await inProcess(built);
  });
  afterAll(async () => {
    await server.stop();
    await cache.delete(["record:health-visiting:patientsByLocalIds:1002"]);
    await cache.close();
    await db.close();
  });

  const read = async (caller: Caller) => (await server.run(ENTITIES, { representations: [ZARA] }, caller)) as Answer;

  it("a record cached for a health visitor is shown to a registrar as nothing and to a front-door worker as a summary", async () => {
    const full = await read(HEALTH_VISITOR);
    expect(full.errors).toBeUndefined();
    const record = full.data!._entities[0].healthVisiting!;
    expect(record.team).toBe("North Locality HV Team");
    expect(record.contacts).toEqual(
      expect.arrayContaining([{ date: "2025-05-10", type: "NEW_BIRTH_VISIT", outcome: "ATTENDED" }]),
    );
    // The record is now in the cache: the patient system is not asked again for it.
    db.reset();

    const registrar = await read(REGISTRAR);
    expect(registrar.data!._entities[0]).toEqual({ id: "person-zara", healthVisiting: null });
    expect(registrar.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    const registrarText = JSON.stringify(registrar);
    for (const healthData of ["North Locality", "Grace Okafor", "NEW_BIRTH_VISIT", "2025-05-10", "1002"])
      expect(registrarText).not.toContain(healthData);

    const summary = await read(FRONT_DOOR);
    // Served from the cache (no statement), with the detail still withheld by the policy.
    expect(db.count).toBe(0);
    const shown = summary.data!._entities[0].healthVisiting!;
    expect(shown.namedHealthVisitor).toBe("Grace Okafor");
    expect(shown.contacts).toBeNull();
    expect(summary.errors?.some((e) => e.extensions?.code === "FORBIDDEN" && e.path?.includes("contacts"))).toBe(true);
    expect(JSON.stringify(summary)).not.toContain("2025-05-10");

    // And the health visitor, asking again, is served the whole record from the cache.
    const again = await read(HEALTH_VISITOR);
    expect(again.data!._entities[0].healthVisiting).toEqual(record);
    expect(db.count).toBe(0);
  });

  it("counts the cache's hits and misses on the subgraph's /metrics, naming no record", async () => {
    const running = await built.start(0);
    try {
      const text = await (await fetch(running.url.replace(/\/graphql$/, "/metrics"))).text();
      const count = (result: string) =>
        Number(
          new RegExp(
            `^ffd_cache_lookups_total\\{agency="health-visiting",method="patientsByLocalIds",result="${result}"\\} (\\d+)$`,
            "m",
          ).exec(text)?.[1],
        );
      // The test above: one miss (the health visitor's first read), then a hit for each read from the cache.
      expect(count("hit")).toBeGreaterThanOrEqual(2);
      expect(count("miss")).toBeGreaterThanOrEqual(1);
      expect(text).not.toMatch(/record:|Okafor|North Locality/i);
    } finally {
      await running.stop();
    }
  });
};

describe("the record cache in memory keeps the policy per caller", roleSafety("memory"));
describeIf(redisAvailable())("the record cache in Redis keeps the policy per caller", roleSafety("redis"));
