import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import {
  AGENCIES,
  callerFor,
  CountingDb,
  createLogger,
  maskFormattedError,
  openPglite,
  type AgencyInvolvement,
  type Caller,
  type Db,
} from "@ffd/shared";
import { agencyUrlsOf } from "./config";
import { createContext, type FamilyIndexContext } from "./context";
import { mergeInvolvements } from "./entities/involvement/involvement.resolver";
import { HttpFeedReader } from "./feed/identity-feed.client";
import { buildSchema, createServer, familyIndexPlugins, type FamilyIndexServer } from "./server";
import { capturingLogger, startFeeds, TEST_SECRET, testConfig, type Feeds } from "./testing/harness";
import { storyFeeds } from "./testing/story.fixture";

/*
 * Person.involvements over the story borough: family-index asks each agency's involvement feed
 * (the kit's real endpoint, on the fake agencies) through the HTTP reader, once per agency per
 * request however many persons, applies the access policy per agency, and leaves an agency that
 * does not answer out with an AGENCY_UNAVAILABLE error naming it.
 */

const logger = capturingLogger();
const FRONT_DOOR = callerFor("front-door", "early-help");

const GRACE_OKAFOR = {
  name: "Grace Okafor",
  role: "Health visitor",
  team: "North Locality HV Team",
  phone: "01384 814001",
};
const PRIYA_MISTRY = { name: "Priya Mistry", role: "Key worker", team: "Riverside Children's Centre", phone: null };
const JEAN_WHITEHOUSE = {
  name: "Jean Whitehouse",
  role: "Registrar",
  team: "Dudley North register office",
  phone: null,
};
const involvement = (localId: string, rest: Omit<AgencyInvolvement, "localId">): AgencyInvolvement => ({
  localId,
  ...rest,
});

let feeds: Feeds;
let db: Db;
let counting: CountingDb;
let server: FamilyIndexServer;
let reader: HttpFeedReader;
let apollo: ApolloServer<FamilyIndexContext>;

beforeAll(async () => {
  feeds = await startFeeds(storyFeeds());
  db = await openPglite();
  const config = testConfig(feeds);
  counting = new CountingDb(db);
  server = createServer({ db: counting, config, logger: createLogger("family-index", "silent") });
  await server.store.migrate();
  await server.refresh();
  reader = new HttpFeedReader({ baseUrls: agencyUrlsOf(config), secret: TEST_SECRET, timeoutMs: 2000 });
  apollo = new ApolloServer<FamilyIndexContext>({
    schema: await buildSchema(),
    formatError: (f) => maskFormattedError(f),
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...familyIndexPlugins()],
  });
  await apollo.start();

  const { byAgency } = feeds;
  byAgency.maternity.involvements.set(
    "BAB0000001",
    involvement("BAB0000001", {
      status: "HISTORIC",
      leadPractitioner: null,
      since: "2025-04-17",
      lastContactOn: "2025-04-17",
    }),
  );
  byAgency["health-visiting"].involvements.set(
    "102",
    involvement("102", {
      status: "CURRENT",
      leadPractitioner: GRACE_OKAFOR,
      since: "2025-04-20",
      lastContactOn: "2025-05-01",
    }),
  );
  byAgency["health-visiting"].involvements.set(
    "101",
    involvement("101", {
      status: "CURRENT",
      leadPractitioner: GRACE_OKAFOR,
      since: "2024-12-01",
      lastContactOn: "2025-03-20",
    }),
  );
  byAgency["childrens-centres"].involvements.set(
    "M0000002",
    involvement("M0000002", {
      status: "CURRENT",
      leadPractitioner: PRIYA_MISTRY,
      since: "2025-05-10",
      lastContactOn: "2025-05-28",
    }),
  );
  byAgency.registration.involvements.set(
    "Dudley North:101:child",
    involvement("Dudley North:101:child", {
      status: "HISTORIC",
      leadPractitioner: JEAN_WHITEHOUSE,
      since: "2025-05-02",
      lastContactOn: "2025-05-02",
    }),
  );
});
afterAll(async () => {
  await apollo.stop();
  reader.close();
  await feeds.stop();
  await db.close();
});
beforeEach(() => {
  for (const feed of Object.values(feeds.byAgency)) {
    feed.involvementCalls.length = 0;
    feed.available = true;
  }
  logger.lines.length = 0;
});

interface Result {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

async function run(caller: Caller | null, query: string, variables: Record<string, unknown> = {}): Promise<Result> {
  const contextValue = createContext(
    {
      store: server.store,
      indexer: server.indexer,
      logger,
      localities: server.localities,
      referenceDate: server.referenceDate,
      involvements: reader,
    },
    "req-1",
    caller,
  );
  const response = await apollo.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as Result;
}

function personOf(key: string): string {
  const id = server.indexer.current()!.personOf.get(key);
  if (!id) throw new Error(`no person for ${key}`);
  return id;
}

const INVOLVEMENTS = `query ($id: ID!) {
  person(id: $id) { involvements { agency status leadPractitioner { name role team phone } since lastContactOn } }
}`;

describe("Person.involvements", () => {
  it("lists each agency that knows the person, in the registry's order, as each agency's own system answers", async () => {
    const result = await run(FRONT_DOOR, INVOLVEMENTS, { id: personOf("maternity:BAB0000001") });
    expect(result.errors).toBeUndefined();
    expect(result.data?.person.involvements).toEqual([
      {
        agency: "MATERNITY",
        status: "HISTORIC",
        leadPractitioner: null,
        since: "2025-04-17",
        lastContactOn: "2025-04-17",
      },
      {
        agency: "HEALTH_VISITING",
        status: "CURRENT",
        leadPractitioner: GRACE_OKAFOR,
        since: "2025-04-20",
        lastContactOn: "2025-05-01",
      },
      {
        agency: "CHILDRENS_CENTRES",
        status: "CURRENT",
        leadPractitioner: PRIYA_MISTRY,
        since: "2025-05-10",
        lastContactOn: "2025-05-28",
      },
      {
        agency: "REGISTRATION",
        status: "HISTORIC",
        leadPractitioner: JEAN_WHITEHOUSE,
        since: "2025-05-02",
        lastContactOn: "2025-05-02",
      },
    ]);
    // Zara's ids only, each asked of its own agency; social care holds no record of hers and is not asked.
    expect(feeds.byAgency["health-visiting"].involvementCalls).toEqual([["102"]]);
    expect(feeds.byAgency.registration.involvementCalls).toEqual([["Dudley North:101:child"]]);
    expect(feeds.byAgency["childrens-social-care"].involvementCalls).toEqual([]);
  });

  it("asks each agency once, and the link store in as many queries, for one person as for every person (_entities)", async () => {
    const ids = [...new Set(server.indexer.current()!.personOf.values())];
    expect(ids.length).toBeGreaterThan(5);
    const read = async (persons: string[]) => {
      for (const feed of Object.values(feeds.byAgency)) feed.involvementCalls.length = 0;
      counting.reset();
      const result = await run(
        FRONT_DOOR,
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id involvements { agency } } } }`,
        { reps: persons.map((id) => ({ __typename: "Person", id })) },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toHaveLength(persons.length);
      return counting.count;
    };
    const oneQueries = await read([personOf("maternity:BAB0000001")]);
    const allQueries = await read(ids);
    expect(allQueries).toBe(oneQueries);
    for (const agency of AGENCIES) {
      const calls = feeds.byAgency[agency].involvementCalls;
      const held = storyFeeds()[agency].map((r) => r.localId);
      // One call holding every linked record of the agency; none for an agency that holds no one.
      expect(calls).toHaveLength(held.length > 0 ? 1 : 0);
      if (held.length > 0) expect(new Set(calls[0])).toEqual(new Set(held));
    }
  });

  it("shows a registrar only the register's involvement, and does not ask the agencies it hides", async () => {
    const result = await run(callerFor("registrar", "registration"), INVOLVEMENTS, {
      id: personOf("maternity:BAB0000001"),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.person.involvements.map((i: { agency: string }) => i.agency)).toEqual(["REGISTRATION"]);
    for (const agency of AGENCIES.filter((a) => a !== "registration"))
      expect(feeds.byAgency[agency].involvementCalls).toEqual([]);
  });

  it("lists nothing for a caller shown no agency's data (the IG auditor), and asks no agency", async () => {
    const result = await run(callerFor("ig-auditor", "audit"), INVOLVEMENTS, { id: personOf("maternity:BAB0000001") });
    expect(result.data?.person.involvements).toEqual([]);
    expect(AGENCIES.flatMap((a) => feeds.byAgency[a].involvementCalls)).toEqual([]);
  });

  it("leaves out an agency that does not answer, naming it in an AGENCY_UNAVAILABLE error at the field, and lists the others", async () => {
    feeds.byAgency["health-visiting"].available = false;
    const result = await run(FRONT_DOOR, INVOLVEMENTS, { id: personOf("maternity:BAB0000001") });
    expect(result.data?.person.involvements.map((i: { agency: string }) => i.agency)).toEqual([
      "MATERNITY",
      "CHILDRENS_CENTRES",
      "REGISTRATION",
    ]);
    expect(result.errors).toEqual([
      {
        message: expect.stringContaining("health visiting system is unavailable"),
        path: ["person", "involvements"],
        extensions: { code: "AGENCY_UNAVAILABLE", agency: "health-visiting" },
      },
    ]);
    // Logged once, by request and agency: never an id.
    const lines = logger.lines.filter((l) => l.event === "involvements.agency_unavailable");
    expect(lines).toEqual([
      {
        level: "warn",
        event: "involvements.agency_unavailable",
        fields: { requestId: "req-1", agency: "health-visiting", reason: "http", status: 503 },
      },
    ]);
  });
});

describe("Person.involvements with a stalled agency", () => {
  it("leaves it out after the involvement timeout, then at once while its breaker is open", async () => {
    const quick = new HttpFeedReader({
      baseUrls: agencyUrlsOf(testConfig(feeds)),
      secret: TEST_SECRET,
      timeoutMs: 2000,
      involvementTimeoutMs: 300,
      breakerResetMs: 60_000,
    });
    const ask = async () => {
      const contextValue = createContext(
        {
          store: server.store,
          indexer: server.indexer,
          logger,
          localities: server.localities,
          referenceDate: server.referenceDate,
          involvements: quick,
        },
        "req-stalled",
        FRONT_DOOR,
      );
      const started = Date.now();
      const response = await apollo.executeOperation(
        { query: INVOLVEMENTS, variables: { id: personOf("maternity:BAB0000001") } },
        { contextValue },
      );
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return { result: response.body.singleResult as Result, ms: Date.now() - started };
    };
    feeds.byAgency["health-visiting"].stalled = true;
    try {
      const first = await ask();
      expect(first.result.data?.person.involvements.map((i: { agency: string }) => i.agency)).toEqual([
        "MATERNITY",
        "CHILDRENS_CENTRES",
        "REGISTRATION",
      ]);
      expect(first.result.errors?.map((e) => e.extensions?.agency)).toEqual(["health-visiting"]);
      expect(first.ms).toBeLessThan(2000);
      const second = await ask();
      expect(second.result.errors?.map((e) => e.extensions?.agency)).toEqual(["health-visiting"]);
      expect(second.ms).toBeLessThan(first.ms + 200);
      expect(
        logger.lines.filter((l) => l.event === "involvements.agency_unavailable").map((l) => l.fields.reason),
      ).toEqual(["timeout", "breaker_open"]);
      // A breaker of its own: the index refresh still reads the agency's identity feed.
      expect(quick.involvementBreakerStates()["health-visiting"]).toBe("open");
      expect(quick.breakerStates()["health-visiting"]).toBe("closed");
    } finally {
      feeds.byAgency["health-visiting"].stalled = false;
      quick.close();
    }
  });
});

describe("mergeInvolvements (a person with several records in one agency)", () => {
  const a = involvement("1", {
    status: "HISTORIC",
    leadPractitioner: { name: "Old HV", role: "Health visitor", team: null, phone: null },
    since: "2020-01-01",
    lastContactOn: "2021-01-01",
  });
  const b = involvement("2", {
    status: "CURRENT",
    leadPractitioner: GRACE_OKAFOR,
    since: "2025-04-02",
    lastContactOn: "2025-06-01",
  });
  const c = involvement("3", {
    status: "CURRENT",
    leadPractitioner: null,
    since: "2025-01-01",
    lastContactOn: "2025-02-01",
  });

  it("is current if any record is, led by the current record last in contact, since the earliest current start", () => {
    expect(mergeInvolvements("health-visiting", [a, null, c, b])).toEqual({
      agency: "HEALTH_VISITING",
      status: "CURRENT",
      leadPractitioner: GRACE_OKAFOR,
      since: "2025-01-01",
      lastContactOn: "2025-06-01",
    });
  });

  it("is historic when no record is current, and nothing when the agency holds none of the records", () => {
    expect(mergeInvolvements("health-visiting", [a])).toMatchObject({ status: "HISTORIC", since: "2020-01-01" });
    expect(mergeInvolvements("health-visiting", [null, null])).toBeNull();
  });
});
