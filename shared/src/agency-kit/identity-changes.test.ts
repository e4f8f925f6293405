import {
  describeEachDatabase,
  freshDatabase,
  dropDatabase,
  pgliteAndPostgres,
  postgresAvailable,
  RUN_ID,
} from "../../../tests/support/postgres";
import { describeIf } from "../../../tests/support/services";
import { Client } from "pg";
import { connectPostgres, openPglite, type Db } from "../db";
import { decodeFeedCursor, encodeFeedCursor } from "./feed-cursor";
import { IDENTITY_CHANGE_LOG_TABLE, identityChangeTrigger, PostgresIdentityChangeLog } from "./identity-changes";

/*
 * The change log as an agency's database keeps it: a table of people and one of relations, each
 * with its trigger naming the local ids whose identity record reads the row.
 */
const SCHEMA = `
CREATE TABLE person (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE relation (adult TEXT NOT NULL, child TEXT NOT NULL);
INSERT INTO person VALUES ('A', 'Ann'), ('B', 'Ben');
`;
const CHANGE_LOG = [
  IDENTITY_CHANGE_LOG_TABLE,
  identityChangeTrigger("person", "SELECT r.id"),
  identityChangeTrigger("relation", "SELECT r.adult UNION ALL SELECT r.child"),
].join("\n");

/** The log's horizon now (it has one). */
async function horizon(log: PostgresIdentityChangeLog): Promise<string> {
  return (await log.position())!.horizon;
}

async function all(log: PostgresIdentityChangeLog, since: string, limit = 100): Promise<string[]> {
  const until = await horizon(log);
  return (await log.changes(since, until, null, limit)).map((c) => c.localId);
}

describeEachDatabase(pgliteAndPostgres("ffd_identity_changes"))("identity change log on $name", (variant) => {
  let db: Db;
  let log: PostgresIdentityChangeLog;
  beforeAll(async () => {
    db = await variant.open();
    await db.exec(SCHEMA);
    log = new PostgresIdentityChangeLog(db);
  });
  afterAll(async () => {
    await db.close();
    await variant.done();
  });

  it("has no position while the database keeps no change log, and one once it does (the seed not logged)", async () => {
    expect(await log.position()).toBeNull();
    await db.exec(CHANGE_LOG);
    const p = await log.position();
    expect(p).toEqual({ log: expect.stringMatching(/^[0-9a-f-]{36}$/), horizon: expect.stringMatching(/^\d+$/) });
    expect(await all(log, p!.horizon)).toEqual([]);
  });

  it("keeps its identity when its statements are installed again, and another log has another", async () => {
    const first = (await log.position())!.log;
    await db.exec(CHANGE_LOG);
    expect((await new PostgresIdentityChangeLog(db).position())!.log).toBe(first);
    const other = await openPglite();
    try {
      await other.exec(SCHEMA + CHANGE_LOG);
      expect((await new PostgresIdentityChangeLog(other).position())!.log).not.toBe(first);
    } finally {
      await other.close();
    }
  });

  it("logs inserts, updates (old and new) and deletes by the local ids each row is read for", async () => {
    const since = await horizon(log);
    await db.exec("UPDATE person SET name = 'Anne' WHERE id = 'A'");
    await db.exec("INSERT INTO person VALUES ('C', 'Cal')");
    await db.exec("INSERT INTO relation VALUES ('A', 'C')");
    await db.exec("DELETE FROM person WHERE id = 'B'");
    await db.exec("UPDATE relation SET adult = 'B' WHERE child = 'C'");
    // Each statement logs the ids its rows are read for (in no set order within one statement).
    expect((await all(log, since)).sort()).toEqual(["A", "A", "A", "A", "B", "B", "C", "C", "C", "C"]);
  });

  it("pages by key, and stops at the horizon given", async () => {
    const since = await horizon(log);
    for (const id of ["D", "E", "F", "G", "H"]) await db.exec(`INSERT INTO person VALUES ('${id}', 'x')`);
    const until = await horizon(log);
    await db.exec("INSERT INTO person VALUES ('I', 'late')");
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: { key: string; localId: string }[] = await log.changes(since, until, after, 2);
      seen.push(...page.map((c) => c.localId));
      if (page.length < 2) break;
      after = page[page.length - 1].key;
    }
    expect(seen).toEqual(["D", "E", "F", "G", "H"]);
    expect(await all(log, until)).toEqual(["I"]);
  });

  it("refuses a position that is not one, and a change outside the read's range", async () => {
    await expect(log.changes("x", "1", null, 5)).rejects.toThrow(RangeError);
    await expect(log.changes("1", "2", "nope", 5)).rejects.toThrow(RangeError);
    await expect(log.changes("10", "20", "25.3", 5)).rejects.toThrow(RangeError);
    await expect(log.changes("10", "20", "9.3", 5)).rejects.toThrow(RangeError);
  });
});

describeIf(postgresAvailable())("identity change log on PostgreSQL: concurrent writers", () => {
  const name = `ffd_identity_changes_tx_${RUN_ID}`;
  let a: Client;
  let b: Db;
  let reader: Db;
  beforeAll(async () => {
    const url = await freshDatabase(name);
    a = new Client({ connectionString: url });
    await a.connect();
    b = connectPostgres(url);
    reader = connectPostgres(url);
    await b.exec(SCHEMA + CHANGE_LOG);
  });
  afterAll(async () => {
    await Promise.all([a.end(), b.close(), reader.close()]);
    await dropDatabase(name);
  });

  it("never skips a change whose transaction began first but committed last", async () => {
    const log = new PostgresIdentityChangeLog(reader);
    const since = await horizon(log);
    // Writer a begins and writes (its transaction id is the older) but does not commit yet.
    await a.query("BEGIN");
    await a.query("INSERT INTO person VALUES ('X', 'first begun')");
    // Writer b writes and commits meanwhile.
    await b.exec("INSERT INTO person VALUES ('Y', 'first committed')");
    // A reader now must not move past a's transaction: b's change waits behind it.
    expect(await all(log, since)).toEqual([]);
    await a.query("COMMIT");
    expect((await all(log, since)).sort()).toEqual(["X", "Y"]);
  });
});

describe("feed cursors", () => {
  it("round-trip, and refuse anything the kit did not write", () => {
    const page = { kind: "page", after: "MAT0000003", log: "L1", since: "42" } as const;
    const first = { kind: "page", after: "MAT0000003", log: null, since: null } as const;
    const changes = { kind: "changes", log: "L1", since: "42", until: "50", after: "43.7" } as const;
    expect(decodeFeedCursor(encodeFeedCursor(page))).toEqual(page);
    expect(decodeFeedCursor(encodeFeedCursor(first))).toEqual(first);
    expect(decodeFeedCursor(encodeFeedCursor(changes))).toEqual(changes);
    const json = (body: object) => Buffer.from(JSON.stringify(body)).toString("base64url");
    for (const bad of [
      "MAT0000003",
      "",
      "e30",
      json({ v: 3, k: "p", a: "x", l: null, s: null }),
      // An earlier version's cursors (no log): refused, so family-index reads the agency whole.
      json({ v: 1, k: "p", a: "x", s: "42" }),
      json({ v: 1, k: "c", s: "42", u: null, a: null }),
      // A change cursor without its log, a page cursor with a horizon but no log.
      json({ v: 2, k: "c", l: null, s: "42", u: null, a: null }),
      json({ v: 2, k: "p", a: "x", l: null, s: "42" }),
    ])
      expect(decodeFeedCursor(bad)).toBeNull();
  });
});
