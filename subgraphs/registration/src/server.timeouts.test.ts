import { openAgencyDatabase, REGISTRATION_SCHEMA } from "@ffd/borough";
import { Client } from "pg";
import {
  callerFor,
  connectPostgres,
  createLogger,
  dbTimeoutsOf,
  signCallerToken,
  type Db,
  type RunningService,
} from "@ffd/shared";
import { describeIf } from "../../../tests/support/services";
import { dropDatabase, freshDatabase, postgresAvailable, RUN_ID } from "../../../tests/support/postgres";
import { parseRegistrationConfig } from "./config";
import { createServer } from "./server";
import { secretEnv } from "../../../tests/support/secrets";

/*
 * An agency system whose table is locked (a long migration, a stuck batch job) must not hold
 * the request: the agency's pool is opened with the configured lock timeout, and past it the
 * subgraph answers AGENCY_UNAVAILABLE naming the agency.
 */

const PERSON_ENTITIES = `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) { ... on Person { id birthRegistration { localIds } } }
  }`;

describeIf(postgresAvailable())("registration subgraph with its table locked", () => {
  const name = `ffd_reg_${RUN_ID}_locked`;
  const config = parseRegistrationConfig({ NODE_ENV: "test", DB_LOCK_TIMEOUT_MS: "300", ...secretEnv() });
  const logger = createLogger("registration", "silent");
  let url: string;
  let db: Db;
  let running: RunningService;

  beforeAll(async () => {
    url = await freshDatabase(name);
    const setup = connectPostgres(url);
    await setup.exec(REGISTRATION_SCHEMA);
    await setup.close();
    // As the entry point opens it (the kit's runAgency): read-only, with the configured timeouts.
    db = await openAgencyDatabase(
      "registration",
      url,
      { seed: 1, referenceDate: config.REFERENCE_DATE, families: 1, noise: "default" },
      logger,
      dbTimeoutsOf(config),
    );
    running = await (await createServer({ db, config, logger })).start(0);
  });
  afterAll(async () => {
    await running.stop();
    await db.close();
    await dropDatabase(name);
  });

  const read = async () => {
    const token = await signCallerToken(config.INTERNAL_TOKEN_SECRET, callerFor("registrar", "registration"));
    const res = await fetch(running.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: PERSON_ENTITIES,
        variables: { reps: [{ __typename: "Person", id: "p-lily", registrationRecordIds: ["Northbrook:101:child"] }] },
      }),
    });
    return (await res.json()) as { data?: { _entities: unknown[] }; errors?: { extensions: object }[] };
  };

  it("answers AGENCY_UNAVAILABLE within the lock timeout, and answers again once the lock is gone", async () => {
    expect(await read()).toEqual({ data: { _entities: [{ id: "p-lily", birthRegistration: null }] } });
    const other = new Client({ connectionString: url });
    await other.connect();
    await other.query("BEGIN");
    await other.query("LOCK TABLE ron_birth_reg IN ACCESS EXCLUSIVE MODE");
    // Without a lock timeout the read would wait for ever: end the lock anyway so the test ends.
    const timer = setTimeout(() => void other.query("ROLLBACK"), 4_000);
    const started = Date.now();
    let body;
    try {
      body = await read();
    } finally {
      clearTimeout(timer);
      await other.query("ROLLBACK");
      await other.end();
    }
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(body.data?._entities).toEqual([{ id: "p-lily", birthRegistration: null }]);
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: "AGENCY_UNAVAILABLE", agency: "registration" }]);
    expect(await read()).toEqual({ data: { _entities: [{ id: "p-lily", birthRegistration: null }] } });
  });
});
