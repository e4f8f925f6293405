import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import {
  callerFor,
  connectPostgres,
  CountingDb,
  createLogger,
  type Caller,
  type Db,
  IDENTITY_FEED_AUDIENCE,
  IDENTITY_FEED_PATH,
  maskFormattedError,
  type RunningService,
  signServiceToken,
} from "@ffd/shared";
import { parseChildrensSocialCareConfig } from "./config";
import { createServer, type ChildrensSocialCareContext, type ChildrensSocialCareServer } from "./server";
import { FIXTURE_TODAY, openFixtureDb } from "./testing/fixtures";
import { secretEnv } from "../../../tests/support/secrets";
import { capturingLogger, gatewayAuthorization } from "../../../tests/support/agency";

const config = parseChildrensSocialCareConfig({ ...secretEnv(), NODE_ENV: "test" });
const silent = createLogger("childrens-social-care", "silent");

const SOCIAL_WORKER = callerFor("social-worker", "safeguarding", { caseload: "501" });
const FRONT_DOOR = callerFor("front-door", "direct-care");
const REGISTRAR = callerFor("registrar", "registration");

const PERSON = `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Person {
        id
        childrensSocialCare {
          localIds
          flags { type startedOn endedOn active detail { categoryOfAbuse reason reviews } }
          socialWorker { name team phone }
        }
      }
    }
  }`;
const SUMMARY_PERSON = PERSON.replace(" detail { categoryOfAbuse reason reviews }", "");

const person = (id: string, ids: unknown[], legitimateRelationship = false) => ({
  __typename: "Person",
  id,
  childrensSocialCareRecordIds: ids,
  legitimateRelationship,
});

const WORKER = { name: "Ngozi Mensah", team: "Northbrook Safeguarding and Support Team", phone: "01384 555101" };

describe("children's social care subgraph", () => {
  let db: Db;
  let counting: CountingDb;
  let server: ChildrensSocialCareServer;
  let apollo: ApolloServer<ChildrensSocialCareContext>;

  beforeAll(async () => {
    db = await openFixtureDb();
    counting = new CountingDb(db);
    server = await createServer({ db: counting, config, logger: silent, today: () => FIXTURE_TODAY });
    apollo = new ApolloServer<ChildrensSocialCareContext>({
      schema: server.schema,
      formatError: maskFormattedError,
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
  });
  afterAll(async () => {
    await apollo.stop();
    await db.close();
  });
  beforeEach(() => counting.reset());

  async function run(query: string, variables: Record<string, unknown>, caller: Caller = SOCIAL_WORKER) {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: server.context(caller) });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult;
  }

  it("gives a social worker with a relationship Daniel's flags with the plans' detail, active first", async () => {
    const result = await run(PERSON, { reps: [person("p-daniel", ["C1000002"], true)] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: "p-daniel",
        childrensSocialCare: {
          localIds: ["C1000002"],
          flags: [
            {
              type: "CHILD_PROTECTION_PLAN",
              startedOn: "2026-06-20",
              endedOn: null,
              active: true,
              detail: { categoryOfAbuse: "NEGLECT", reason: null, reviews: [] },
            },
            {
              type: "CHILD_PROTECTION_PLAN",
              startedOn: "2025-06-01",
              endedOn: "2025-12-15",
              active: false,
              detail: { categoryOfAbuse: "EMOTIONAL_ABUSE", reason: null, reviews: ["2025-08-30", "2025-11-30"] },
            },
          ],
          socialWorker: WORKER,
        },
      },
    ]);
  });

  it("holds the unborn child's plan on the expectant mother", async () => {
    const result = await run(SUMMARY_PERSON, { reps: [person("p-grace", ["C1000001"], true)] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: "p-grace",
        childrensSocialCare: {
          localIds: ["C1000001"],
          flags: [{ type: "UNBORN_CHILD_PROTECTION_PLAN", startedOn: "2026-06-20", endedOn: null, active: true }],
          socialWorker: WORKER,
        },
      },
    ]);
  });

  it("shows a flag for 12 months after it ends and not after; null worker when none is allocated", async () => {
    const result = await run(PERSON, { reps: [person("p-sam", ["C1000003"], true)] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: "p-sam",
        childrensSocialCare: {
          localIds: ["C1000003"],
          flags: [
            {
              type: "LOOKED_AFTER",
              startedOn: "2025-04-01",
              endedOn: "2025-09-01",
              active: false,
              detail: { categoryOfAbuse: null, reason: "Full care order", reviews: [] },
            },
          ],
          socialWorker: null,
        },
      },
    ]);
  });

  it("gives a casework summary (flags and the worker's contact) and withholds plan detail as FORBIDDEN", async () => {
    const result = await run(PERSON, { reps: [person("p-daniel", ["C1000002"], false)] }, FRONT_DOOR);
    const [daniel] = result.data?._entities as {
      childrensSocialCare: { flags: { type: string; active: boolean; detail: unknown }[]; socialWorker: unknown };
    }[];
    expect(daniel.childrensSocialCare.socialWorker).toEqual(WORKER);
    expect(daniel.childrensSocialCare.flags.map((f) => [f.type, f.active, f.detail])).toEqual([
      ["CHILD_PROTECTION_PLAN", true, null],
      ["CHILD_PROTECTION_PLAN", false, null],
    ]);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
  });

  it("gives a social worker without a relationship the summary only", async () => {
    const result = await run(PERSON, { reps: [person("p-daniel", ["C1000002"], false)] });
    expect(result.errors?.every((e) => e.extensions?.code === "FORBIDDEN")).toBe(true);
    expect(result.errors?.length).toBe(2);
  });

  it("gives a registrar nothing: null with FORBIDDEN, before anything is read", async () => {
    const result = await run(SUMMARY_PERSON, { reps: [person("p-daniel", ["C1000002"], true)] }, REGISTRAR);
    expect(result.data?._entities).toEqual([{ id: "p-daniel", childrensSocialCare: null }]);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(counting.count).toBe(0);
  });

  it("answers N people with one query per table; unknown ids and clients with no flags as expected", async () => {
    const result = await run(SUMMARY_PERSON, {
      reps: [
        person("p-daniel", ["C1000002"], true),
        person("p-grace", ["C1000001"], true),
        person("p-unknown", ["C9999999", 7, null], true),
        person("p-none", [], true),
        person("p-ava", ["C1000004"], true),
      ],
    });
    expect(result.errors).toBeUndefined();
    const records = (result.data?._entities as { childrensSocialCare: { flags: unknown[] } | null }[]).map(
      (e) => e.childrensSocialCare && e.childrensSocialCare.flags.length,
    );
    expect(records).toEqual([2, 1, null, null, 0]);
    // Clients (with their workers), episodes, reviews.
    expect(counting.count).toBe(3);
  });

  it("feeds family-index every client, NHS numbers and postcodes normalised, with the worker's caseload as care unit", async () => {
    const first = await server.source.identityFeed(null, 3);
    expect(first.map((r) => r.localId)).toEqual(["C1000001", "C1000002", "C1000003"]);
    expect(first[0]).toEqual({
      localId: "C1000001",
      nhsNumber: "4857773597",
      givenName: "Grace",
      familyName: "Okafor",
      dateOfBirth: "1998-06-02",
      sex: "FEMALE",
      postcode: "DY2 8NS",
      relations: [],
      careUnit: "csc-caseload:501",
    });
    expect(first[2]).toMatchObject({ nhsNumber: null, sex: "UNKNOWN", careUnit: null });
    const rest = await server.source.identityFeed("C1000003", 3);
    expect(rest).toEqual([expect.objectContaining({ localId: "C1000004", nhsNumber: null, sex: "FEMALE" })]);
  });
});

describe("children's social care subgraph with a bad row", () => {
  let db: Db;
  let apollo: ApolloServer<ChildrensSocialCareContext>;
  let server: ChildrensSocialCareServer;
  const logger = capturingLogger();

  beforeAll(async () => {
    db = await openFixtureDb();
    // An episode type outside the system's code set, and an end before the start: the contract broken.
    await db.exec(`INSERT INTO csc_episode (episode_id, client_no, episode_typ, start_dt, end_dt)
                   VALUES (9, 'C1000004', 'XYZ', '20250101', ''), (10, 'C1000004', 'CIN', '20250101', '20241231')`);
    server = await createServer({ db, config, logger, today: () => FIXTURE_TODAY });
    apollo = new ApolloServer<ChildrensSocialCareContext>({
      schema: server.schema,
      formatError: maskFormattedError,
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
  });
  afterAll(async () => {
    await apollo.stop();
    await db.close();
  });

  it("fails the read as AGENCY_UNAVAILABLE and logs the columns at fault, never a value", async () => {
    const response = await apollo.executeOperation(
      { query: SUMMARY_PERSON, variables: { reps: [person("p-ava", ["C1000004"], true)] } },
      { contextValue: server.context(SOCIAL_WORKER) },
    );
    if (response.body.kind !== "single") throw new Error("expected a single result");
    const result = response.body.singleResult;
    expect(result.data?._entities).toEqual([{ id: "p-ava", childrensSocialCare: null }]);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["AGENCY_UNAVAILABLE"]);
    const invalid = logger.lines.filter((l) => l.event === "agency.rows_invalid");
    expect(invalid).toHaveLength(1);
    expect(invalid[0].fields).toMatchObject({
      agency: "childrens-social-care",
      count: 2,
      columns: ["end_dt", "episode_typ"],
    });
    expect(JSON.stringify(invalid)).not.toMatch(/XYZ|C1000004|20241231/);
  });
});

describe("children's social care subgraph with its database down", () => {
  let running: RunningService;
  let down: Db;
  const logger = capturingLogger();

  beforeAll(async () => {
    // Nothing listens on port 1: every query is refused, as when the case management system is down.
    down = connectPostgres("postgres://csc@127.0.0.1:1/childrens_social_care");
    const server = await createServer({ db: down, config, logger });
    running = await server.start(0);
  });
  afterAll(async () => {
    await running.stop();
    await down.close();
  });

  it("answers AGENCY_UNAVAILABLE naming the agency, with no internal detail", async () => {
    const response = await fetch(running.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: await gatewayAuthorization(config.INTERNAL_TOKEN_SECRET, SOCIAL_WORKER),
      },
      body: JSON.stringify({ query: SUMMARY_PERSON, variables: { reps: [person("p-daniel", ["C1000002"], true)] } }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as {
      data?: { _entities: unknown[] };
      errors?: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(body.data?._entities).toEqual([{ id: "p-daniel", childrensSocialCare: null }]);
    expect(body.errors?.map((e) => e.extensions)).toEqual([
      { code: "AGENCY_UNAVAILABLE", agency: "childrens-social-care" },
    ]);
    expect(body.errors?.[0].message).toMatch(/children's social care system is unavailable/);
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|stack/i);
  });

  it("answers 503 on the identity feed", async () => {
    const token = await signServiceToken(config.INTERNAL_TOKEN_SECRET, "family-index", IDENTITY_FEED_AUDIENCE);
    const response = await fetch(running.url.replace(/\/graphql$/, IDENTITY_FEED_PATH), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(503);
    expect(await response.text()).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });
});
