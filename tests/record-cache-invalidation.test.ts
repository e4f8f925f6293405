import {
  CHILDRENS_CENTRES_IDENTITY_CHANGE_LOG,
  CHILDRENS_CENTRES_SCHEMA,
  CHILDRENS_SOCIAL_CARE_IDENTITY_CHANGE_LOG,
  CHILDRENS_SOCIAL_CARE_SCHEMA,
} from "@ffd/borough";
import { callerFor, MemoryCache, RedisCache, type Cache, type Db, type RunningService } from "@ffd/shared";
import { createServer as createCentresServer } from "../subgraphs/childrens-centres/src/server";
import { FIXTURE_ROWS as CENTRES_ROWS } from "../subgraphs/childrens-centres/src/testing/fixtures";
import { createServer as createSocialCareServer } from "../subgraphs/childrens-social-care/src/server";
import {
  FIXTURE_ROWS as SOCIAL_CARE_ROWS,
  FIXTURE_TODAY,
} from "../subgraphs/childrens-social-care/src/testing/fixtures";
import { capturingLogger, inProcess } from "./support/agency";
import { describeEachDatabase, pgliteAndPostgres } from "./support/postgres";
import { REDIS_TEST_URL, redisAvailable } from "./support/redis";
import { TEST_SECRETS } from "./support/secrets";
import { describeIf } from "./support/services";

/*
 * The record cache dropped from each agency's own change log, through the real subgraphs: a
 * record cached with a TTL far longer than the test is shown changed within a few poll intervals
 * once the service runs (its start starts the poller), and not before (without the poller the
 * cache would hold the old record until its TTL). On PGlite and the real PostgreSQL server, with
 * the cache in memory and in the real Redis.
 */

const INTERVAL_MS = 150;
const TTL_SECONDS = 300;
const config = { INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET, REFERENCE_DATE: "2025-06-30" };
const SOCIAL_WORKER = callerFor("social-worker", "safeguarding", { caseload: "501" });

const FLAGS = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Person { childrensSocialCare { flags { type startedOn } socialWorker { phone } } }
  }
}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `check` passes, within `ms`; fails with its last error otherwise. */
async function within<T>(ms: number, check: () => Promise<T>): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(20);
    }
  }
}

const socialCare = pgliteAndPostgres("ffd_cache_invalidation_csc");
const centres = pgliteAndPostgres("ffd_cache_invalidation_cc");

describeEachDatabase(socialCare.map((variant, i) => ({ ...variant, centres: centres[i] })))(
  "record cache invalidation on $name",
  (database) => {
    const suite = (kind: "memory" | "redis") => () => {
      const prefix = `ffd-test:${process.pid}:${Date.now()}:invalidation:`;
      let cache: Cache;
      let cscDb: Db;
      let ccDb: Db;
      const running: RunningService[] = [];
      const logger = capturingLogger();

      beforeAll(async () => {
        cache = kind === "memory" ? new MemoryCache() : new RedisCache(REDIS_TEST_URL, prefix);
        expect(await cache.ready?.()).not.toBe(false);
        cscDb = await database.open();
        await cscDb.exec(CHILDRENS_SOCIAL_CARE_SCHEMA + SOCIAL_CARE_ROWS + CHILDRENS_SOCIAL_CARE_IDENTITY_CHANGE_LOG);
        ccDb = await database.centres.open();
        await ccDb.exec(CHILDRENS_CENTRES_SCHEMA + CENTRES_ROWS + CHILDRENS_CENTRES_IDENTITY_CHANGE_LOG);
      });
      afterAll(async () => {
        for (const service of running) await service.stop();
        await cache.clear("record:");
        await cache.close();
        await cscDb.close();
        await ccDb.close();
        await database.done();
        await database.centres.done();
      });

      const runtime = () => ({ recordCache: { cache, ttlSeconds: TTL_SECONDS, invalidateMs: INTERVAL_MS } });

      it("social care: a new child protection plan on a cached client shows within the poll interval, not only after the TTL", async () => {
        const server = await createSocialCareServer({
          db: cscDb,
          config,
          logger,
          today: () => FIXTURE_TODAY,
          runtime: runtime(),
        });
        const answering = await inProcess(server);
        const ava = { __typename: "Person", id: "p-ava", childrensSocialCareRecordIds: ["C1000004"] };
        const daniel = { __typename: "Person", id: "p-daniel", childrensSocialCareRecordIds: ["C1000002"] };
        type Answer = { childrensSocialCare: { flags: { type: string }[]; socialWorker: { phone: string } | null } };
        const read = async (person: object) => {
          const result = await answering.run(
            FLAGS,
            { reps: [{ ...person, legitimateRelationship: true }] },
            SOCIAL_WORKER,
          );
          expect(result.errors).toBeUndefined();
          return (result.data!._entities as Answer[])[0].childrensSocialCare;
        };
        const flagsOf = async () => (await read(ava)).flags.map((f) => f.type);
        try {
          expect(await flagsOf()).toEqual([]);
          expect((await read(daniel)).socialWorker?.phone).toBe("01384 555101");
          // Without the poller (the service not started yet) the cached record stays as it was.
          await cscDb.exec(`INSERT INTO csc_episode (episode_id, client_no, episode_typ, start_dt, end_dt, need_cd)
                            VALUES (10, 'C1000004', 'CIN', '20260601', '', 'N5')`);
          await sleep(4 * INTERVAL_MS);
          expect(await flagsOf()).toEqual([]);

          const service = await server.start(0);
          running.push(service);
          await cscDb.exec(`INSERT INTO csc_episode (episode_id, client_no, episode_typ, start_dt, end_dt, abuse_cat)
                            VALUES (11, 'C1000004', 'CPP', '20260625', '', 'NEG')`);
          await within(10 * INTERVAL_MS, async () =>
            expect((await flagsOf()).sort()).toEqual(["CHILD_IN_NEED", "CHILD_PROTECTION_PLAN"]),
          );
          // A table the record reads through another: the allocated worker's phone.
          await cscDb.exec("UPDATE csc_worker SET wkr_phone = '01384 555199' WHERE wkr_id = 501");
          await within(10 * INTERVAL_MS, async () =>
            expect((await read(daniel)).socialWorker?.phone).toBe("01384 555199"),
          );
          // Nothing of a record in the log lines.
          const logged = JSON.stringify(logger.lines);
          for (const value of ["C1000004", "C1000002", "Okafor", "555199"]) expect(logged).not.toContain(value);
        } finally {
          await answering.stop();
        }
      });

      it("children's centres: a cached member renamed shows within the poll interval", async () => {
        const server = await createCentresServer({ db: ccDb, config, logger, runtime: runtime() });
        const nameOf = async () => (await server.source.membersByRef(["M0000001"]))[0]?.familyName;
        expect(await nameOf()).toBe("Husain");
        await ccDb.exec("UPDATE cc_member SET last_name = 'Hussain' WHERE member_ref = 'M0000001'");
        await sleep(4 * INTERVAL_MS);
        expect(await nameOf()).toBe("Husain");

        running.push(await server.start(0));
        await ccDb.exec("UPDATE cc_member SET first_name = 'Amira' WHERE member_ref = 'M0000001'");
        await within(10 * INTERVAL_MS, async () =>
          expect((await server.source.membersByRef(["M0000001"]))[0]).toMatchObject({
            givenName: "Amira",
            familyName: "Hussain",
          }),
        );
      });
    };

    describe("with the cache in memory", suite("memory"));
    describeIf(redisAvailable())("with the cache in Redis", suite("redis"));
  },
);
