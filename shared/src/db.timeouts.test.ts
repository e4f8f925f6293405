import { Client } from "pg";
import { z } from "zod";
import { describeIf } from "../../tests/support/services";
import { dropDatabase, freshDatabase, postgresAvailable, RUN_ID } from "../../tests/support/postgres";
import { baseEnv, ConfigError, dbTimeoutsOf, parseConfig } from "./config";
import { connectPostgres, DEFAULT_DB_TIMEOUTS, type Db } from "./db";
import { secretEnv } from "../../tests/support/secrets";

/*
 * Every PostgreSQL pool has statement, lock and client-side timeouts, so a locked row or table, a
 * runaway statement or a server that never answers fails fast instead of holding a request.
 */

const timed = async (work: Promise<unknown>): Promise<{ error: unknown; ms: number }> => {
  const started = Date.now();
  try {
    await work;
    return { error: null, ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
};

describe("database timeout settings", () => {
  const schema = z.object(baseEnv);

  it("default to a few seconds, documented in DEFAULT_DB_TIMEOUTS", () => {
    const config = parseConfig("test", schema, secretEnv());
    expect(dbTimeoutsOf(config)).toEqual({ statementMs: 5_000, lockMs: 2_000, queryMs: 8_000 });
    expect(dbTimeoutsOf(config)).toEqual(DEFAULT_DB_TIMEOUTS);
  });

  it("are read from DB_STATEMENT_TIMEOUT_MS, DB_LOCK_TIMEOUT_MS and DB_QUERY_TIMEOUT_MS", () => {
    const config = parseConfig("test", schema, {
      ...secretEnv(),
      DB_STATEMENT_TIMEOUT_MS: "1500",
      DB_LOCK_TIMEOUT_MS: "250",
      DB_QUERY_TIMEOUT_MS: "3000",
    });
    expect(dbTimeoutsOf(config)).toEqual({ statementMs: 1500, lockMs: 250, queryMs: 3000 });
  });

  it("refuse no timeout, nonsense and a value past ten minutes, naming each", () => {
    let problems: string[] = [];
    try {
      parseConfig("test", schema, {
        ...secretEnv(),
        DB_STATEMENT_TIMEOUT_MS: "0",
        DB_LOCK_TIMEOUT_MS: "soon",
        DB_QUERY_TIMEOUT_MS: "600001",
      });
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "DB_LOCK_TIMEOUT_MS",
      "DB_QUERY_TIMEOUT_MS",
      "DB_STATEMENT_TIMEOUT_MS",
    ]);
  });
});

describeIf(postgresAvailable())("timeouts on a PostgreSQL pool", () => {
  const name = `ffd_db_${RUN_ID}_timeouts`;
  let url: string;
  let other: Client;

  beforeAll(async () => {
    url = await freshDatabase(name);
    const setup = connectPostgres(url);
    await setup.exec("CREATE TABLE agency_record (id int PRIMARY KEY); INSERT INTO agency_record VALUES (1);");
    await setup.close();
    other = new Client({ connectionString: url });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await dropDatabase(name);
  });

  let db: Db | undefined;
  afterEach(async () => {
    await other.query("ROLLBACK").catch(() => undefined);
    await db?.close();
    db = undefined;
  });

  it("are set on every connection by default", async () => {
    db = connectPostgres(url);
    const [settings] = await db.query<{ statement: string; lock: string }>(
      "SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock",
    );
    expect(settings).toEqual({ statement: "5s", lock: "2s" });
  });

  it("cancel a statement that runs past the statement timeout (server side)", async () => {
    db = connectPostgres(url, { timeouts: { statementMs: 300, lockMs: 2_000, queryMs: 10_000 } });
    const { error, ms } = await timed(db.query("SELECT pg_sleep(5)"));
    expect((error as { code?: string }).code).toBe("57014");
    expect(ms).toBeLessThan(2_500);
  });

  it("fail a statement that waits past the lock timeout for a table another session locked", async () => {
    db = connectPostgres(url, { timeouts: { statementMs: 10_000, lockMs: 300, queryMs: 15_000 } });
    await expect(db.query("SELECT id FROM agency_record")).resolves.toEqual([{ id: 1 }]);
    await other.query("BEGIN");
    await other.query("LOCK TABLE agency_record IN ACCESS EXCLUSIVE MODE");
    const { error, ms } = await timed(db.query("SELECT id FROM agency_record"));
    expect((error as { code?: string }).code).toBe("55P03");
    expect(ms).toBeLessThan(2_500);
  });

  it("give up on a server that does not answer (client side), and the pool still works after", async () => {
    // No server-side timeouts here: only the client's own clock can end the wait.
    db = connectPostgres(url, { timeouts: { statementMs: 0, lockMs: 0, queryMs: 300 }, max: 1 });
    const { error, ms } = await timed(db.query("SELECT pg_sleep(5)"));
    expect((error as Error).message).toMatch(/timeout/i);
    expect(ms).toBeLessThan(2_500);
    await expect(db.query("SELECT 2 AS two")).resolves.toEqual([{ two: 2 }]);
  });
});
