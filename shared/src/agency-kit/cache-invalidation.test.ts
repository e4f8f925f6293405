import { capturingLogger } from "../../../tests/support/agency";
import { describeEachDatabase, pgliteAndPostgres } from "../../../tests/support/postgres";
import { MemoryCache } from "../cache";
import type { Db } from "../db";
import { RecordCacheInvalidator } from "./cache-invalidation";
import { IDENTITY_CHANGE_LOG_TABLE, identityChangeTrigger, PostgresIdentityChangeLog } from "./identity-changes";
import type { IdentityChangeLog } from "./identity-changes";
import { cachedAgencySource } from "./record-cache";

/*
 * The record cache's invalidation from an agency's change log, polled by hand (no timer) except
 * where the timing itself is tested: a person table with its trigger, a port reading it, and the
 * record cache in front of the port.
 */

const SCHEMA = `
CREATE TABLE person (id TEXT PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO person VALUES ('A', 'Ann'), ('B', 'Ben');
`;
const CHANGE_LOG = IDENTITY_CHANGE_LOG_TABLE + identityChangeTrigger("person", "SELECT r.id");

class PersonPort {
  constructor(private readonly db: Db) {}
  async people(ids: readonly string[]): Promise<({ id: string; name: string } | null)[]> {
    const rows = await this.db.query<{ id: string; name: string }>(
      "SELECT id, name FROM person WHERE id = ANY($1::text[])",
      [ids],
    );
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase(pgliteAndPostgres("ffd_cache_invalidation"))("record cache invalidation on $name", (variant) => {
  let db: Db;
  beforeAll(async () => {
    db = await variant.open();
    await db.exec(SCHEMA + CHANGE_LOG);
  });
  afterAll(async () => {
    await db.close();
    await variant.done();
  });

  const setUp = (changes: IdentityChangeLog = new PostgresIdentityChangeLog(db), intervalMs = 1000) => {
    const logger = capturingLogger();
    const cache = new MemoryCache();
    const source = cachedAgencySource(new PersonPort(db), {
      agency: "maternity",
      cache,
      ttlSeconds: 300,
      logger,
      methods: { people: {} },
    });
    const invalidator = new RecordCacheInvalidator({ agency: "maternity", changes, cache: source, intervalMs, logger });
    const nameOf = async (id: string) => (await source.people([id]))[0]?.name;
    return { logger, source, invalidator, nameOf };
  };

  it("drops the records the log names since the horizon of its first poll, and only those", async () => {
    const { invalidator, nameOf } = setUp();
    await db.exec("UPDATE person SET name = 'Ann' WHERE id = 'A'"); // before the first poll: not its business
    await invalidator.poll();
    expect([await nameOf("A"), await nameOf("B")]).toEqual(["Ann", "Ben"]);
    await db.exec("UPDATE person SET name = 'Anne' WHERE id = 'A'");
    await db.exec("ALTER TABLE person DISABLE TRIGGER ALL");
    await db.exec("UPDATE person SET name = 'Benedict' WHERE id = 'B'"); // not logged
    await db.exec("ALTER TABLE person ENABLE TRIGGER ALL");
    // Cached: stale until a poll.
    expect([await nameOf("A"), await nameOf("B")]).toEqual(["Ann", "Ben"]);
    await invalidator.poll();
    expect([await nameOf("A"), await nameOf("B")]).toEqual(["Anne", "Ben"]);
    await db.exec("UPDATE person SET name = 'Ben' WHERE id = 'B'");
  });

  it("drops every record the agency cached when the log is another (the database generated again), then goes on from its horizon", async () => {
    const { invalidator, nameOf, logger } = setUp();
    await invalidator.poll();
    expect([await nameOf("A"), await nameOf("B")]).toEqual(["Anne", "Ben"]);
    await db.exec("ALTER TABLE person DISABLE TRIGGER ALL");
    await db.exec("UPDATE person SET name = 'Anna' WHERE id = 'A'; UPDATE person SET name = 'Benny' WHERE id = 'B'");
    await db.exec("ALTER TABLE person ENABLE TRIGGER ALL");
    await invalidator.poll();
    expect([await nameOf("A"), await nameOf("B")]).toEqual(["Anne", "Ben"]);
    // The log created again: another identity.
    await db.exec("DROP TABLE ffd_change_log; DROP TABLE ffd_identity_change;" + IDENTITY_CHANGE_LOG_TABLE);
    await invalidator.poll();
    expect([await nameOf("A"), await nameOf("B")]).toEqual(["Anna", "Benny"]);
    expect(logger.lines.map((l) => [l.event, l.fields])).toContainEqual([
      "cache.cleared",
      { agency: "maternity", reason: "another_change_log" },
    ]);
    // And from the new log's horizon on, its changes.
    await db.exec("UPDATE person SET name = 'Ann' WHERE id = 'A'");
    await invalidator.poll();
    expect(await nameOf("A")).toBe("Ann");
  });

  it("polls one at a time on a slow database, every interval from the end of the last, and stops on close", async () => {
    const log = new PostgresIdentityChangeLog(db);
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    const slow: IdentityChangeLog = {
      position: async () => {
        calls++;
        most = Math.max(most, ++inFlight);
        await sleep(120);
        inFlight--;
        return log.position();
      },
      changes: (...args) => log.changes(...args),
    };
    const { invalidator } = setUp(slow, 10);
    await invalidator.start();
    // Asked meanwhile: the poll under way, not another.
    await Promise.all([invalidator.poll(), invalidator.poll(), invalidator.poll()]);
    await sleep(600);
    await invalidator.close();
    expect(most).toBe(1);
    // 120 ms each and 10 ms between: about five in 600 ms, never the 60 a timer alone would start.
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(9);
    const after = calls;
    await sleep(200);
    expect(calls).toBe(after);
  });

  it("logs a failure once per outage (never an id), keeps its place, and says when it reads again", async () => {
    const log = new PostgresIdentityChangeLog(db);
    let down = false;
    const flaky: IdentityChangeLog = {
      position: async () => {
        if (down)
          throw Object.assign(new Error("connect ECONNREFUSED 10.0.0.9:5432 as agency_reader"), {
            code: "ECONNREFUSED",
          });
        return log.position();
      },
      changes: (...args) => log.changes(...args),
    };
    const { invalidator, nameOf, logger } = setUp(flaky);
    await invalidator.poll();
    expect(await nameOf("A")).toBe("Ann");
    down = true;
    await db.exec("UPDATE person SET name = 'Annie' WHERE id = 'A'");
    for (let i = 0; i < 3; i++) await invalidator.poll();
    down = false;
    await invalidator.poll();
    expect(await nameOf("A")).toBe("Annie");
    const lines = logger.lines.filter((l) => l.event.startsWith("cache.invalidation"));
    expect(lines.map((l) => [l.level, l.event])).toEqual([
      ["warn", "cache.invalidation_failed"],
      ["info", "cache.invalidation_resumed"],
    ]);
    expect(lines[0].fields).toMatchObject({ agency: "maternity", errorName: "Error", errorCode: "ECONNREFUSED" });
    expect(JSON.stringify(logger.lines)).not.toMatch(/10\.0\.0\.9|agency_reader|Annie|"A"/);
  });

  it("refuses an interval that is not a whole number of milliseconds", () => {
    const log = new PostgresIdentityChangeLog(db);
    const cache = cachedAgencySource(new PersonPort(db), {
      agency: "maternity",
      cache: new MemoryCache(),
      ttlSeconds: 300,
      logger: capturingLogger(),
      methods: { people: {} },
    });
    for (const intervalMs of [0, 1.5, Number.NaN])
      expect(
        () =>
          new RecordCacheInvalidator({
            agency: "maternity",
            changes: log,
            cache,
            intervalMs,
            logger: capturingLogger(),
          }),
      ).toThrow(RangeError);
  });
});
