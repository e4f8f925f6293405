import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import {
  callerFor,
  CountingDb,
  createLogger,
  maskFormattedError,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_NHS_NUMBER_LENGTH,
  MAX_POSTCODE_LENGTH,
  nhsNumberProblem,
  openPglite,
  type Db,
} from "@ffd/shared";
import { execute, parse, type GraphQLSchema } from "graphql";
import { createContext, type FamilyIndexContext } from "./context";
import { EMPTY_SEARCH_MESSAGE } from "./entities/search/search.resolver";
import { NAME_LEVELS } from "./linkage/compare";
import { familyIdFor, personIdFor } from "./linkage/ids";
import { buildSchema, createServer, familyIndexPlugins, type FamilyIndexServer } from "./server";
import { PostgresLinkStore } from "./store/link-store.postgres";
import { startFeeds, testConfig, type Feeds } from "./testing/harness";
import { AMIRA_NHS, storyFeeds, ZARA_NHS } from "./testing/story.fixture";

const logger = createLogger("family-index", "silent");
/** A caller the policy shows identities, families and (a summary of) every agency: every record is listed. */
const FRONT_DOOR = callerFor("front-door", "direct-care");
const AMIRA = personIdFor("maternity:MAT0000001");
const ZARA = personIdFor("maternity:BAB0000001");
const AMIRAH = personIdFor("childrens-centres:M0000001");
const SAM = personIdFor("childrens-centres:M0000003");
const TOBI = personIdFor("maternity:BAB0000002");
const GRACE = personIdFor("maternity:MAT0000003");

let feeds: Feeds;
let db: Db;
let counting: CountingDb;
let server: FamilyIndexServer;
let schema: GraphQLSchema;
let apollo: ApolloServer<FamilyIndexContext>;

beforeAll(async () => {
  feeds = await startFeeds(storyFeeds());
  db = await openPglite();
  counting = new CountingDb(db);
  server = createServer({ db: counting, config: testConfig(feeds), logger });
  await server.store.migrate();
  await server.refresh();
  schema = await buildSchema();
  apollo = new ApolloServer<FamilyIndexContext>({
    schema,
    formatError: (f) => maskFormattedError(f),
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...familyIndexPlugins()],
  });
  await apollo.start();
});
afterAll(async () => {
  await apollo.stop();
  await feeds.stop();
  await db.close();
});

async function run(query: string, variables: Record<string, unknown> = {}, context?: FamilyIndexContext) {
  const response = await apollo.executeOperation(
    { query, variables },
    {
      contextValue:
        context ??
        createContext(
          {
            store: server.store,
            indexer: server.indexer,
            logger,
            localities: server.localities,
            referenceDate: server.referenceDate,
          },
          "test-request",
          FRONT_DOOR,
        ),
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

const SEARCH = `query ($q: PersonSearchInput!) { searchPeople(query: $q) { score matchedOn person { id givenName familyName dateOfBirth postcode } } }`;
const search = async (q: Record<string, unknown>) => run(SEARCH, { q });

describe("searchPeople: validation", () => {
  it.each([[{}], [{ givenName: "  ", familyName: "", postcode: " " }], [{ nhsNumber: " " }]])(
    "refuses an empty search %j",
    async (q) => {
      const result = await search(q);
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([
        expect.objectContaining({ message: EMPTY_SEARCH_MESSAGE, extensions: { code: "BAD_USER_INPUT" } }),
      ]);
    },
  );

  it.each(["4857773458", "12345", "94347659l9"])("refuses an invalid NHS number %s, saying why", async (nhsNumber) => {
    const result = await search({ nhsNumber });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: nhsNumberProblem(nhsNumber),
        extensions: { code: "BAD_USER_INPUT", field: "nhsNumber" },
      }),
    ]);
  });

  it("refuses a malformed date of birth", async () => {
    const result = await search({ familyName: "Hussain", dateOfBirth: "12/03/1994" });
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it.each(["2026-02-30", "yesterday", "12/03/1994"])(
    "says how to write a date of birth, without quoting %s",
    async (dateOfBirth) => {
      const result = await search({ familyName: "Hussain", dateOfBirth });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors![0].message).toContain("write dates as YYYY-MM-DD, for example 2024-03-12");
      expect(result.errors![0].message).not.toContain(dateOfBirth);
    },
  );

  it("searches with every text field at its bound", async () => {
    const pad = (s: string, n: number) => s + " ".repeat(n - s.length);
    const result = await search({
      givenName: pad("Amira", MAX_NAME_LENGTH),
      familyName: pad("Hussain", MAX_NAME_LENGTH),
      nhsNumber: pad("943 476 5919", MAX_NHS_NUMBER_LENGTH),
      postcode: pad(" dy1 4qt", MAX_POSTCODE_LENGTH),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.searchPeople[0].person.id).toBe(AMIRA);
    const long = await search({ givenName: "a".repeat(MAX_NAME_LENGTH), familyName: "b".repeat(MAX_NAME_LENGTH) });
    expect(long.errors).toBeUndefined();
  });

  it.each([
    ["givenName", "a".repeat(MAX_NAME_LENGTH + 1), MAX_NAME_LENGTH],
    ["givenName", "a".repeat(250_000), MAX_NAME_LENGTH],
    ["familyName", "b".repeat(MAX_NAME_LENGTH + 1), MAX_NAME_LENGTH],
    ["nhsNumber", "9".repeat(MAX_NHS_NUMBER_LENGTH + 1), MAX_NHS_NUMBER_LENGTH],
    ["postcode", "D".repeat(MAX_POSTCODE_LENGTH + 1), MAX_POSTCODE_LENGTH],
  ])("refuses a %s past its bound before comparing it with any record", async (field, value, max) => {
    const refused = [
      expect.objectContaining({
        message: expect.stringMatching(new RegExp(`^${field} is at most ${max} characters`)),
        extensions: { code: "BAD_USER_INPUT", field },
      }),
    ];
    // By the service's plugin, before execution...
    const result = await search({ [field]: value });
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual(refused);
    // ...and by the resolver itself, without the plugin.
    const direct = await execute({
      schema,
      document: parse(SEARCH),
      variableValues: { q: { [field]: value } },
      contextValue: createContext(
        {
          store: server.store,
          indexer: server.indexer,
          logger,
          localities: server.localities,
          referenceDate: server.referenceDate,
        },
        "test-request",
        FRONT_DOOR,
      ),
    });
    expect(direct.data).toBeNull();
    expect(direct.errors?.map((e) => e.toJSON())).toEqual(refused);
  });

  it("refuses a person or family id past its bound", async () => {
    for (const query of [
      `query ($id: ID!) { person(id: $id) { id } }`,
      `query ($id: ID!) { family(id: $id) { id } }`,
    ]) {
      const result = await run(query, { id: "p".repeat(MAX_ID_LENGTH + 1) });
      expect(result.errors?.[0]).toEqual(
        expect.objectContaining({ extensions: { code: "BAD_USER_INPUT", field: "id" } }),
      );
    }
  });
});

describe("searchPeople: matches", () => {
  it("finds Amira by NHS number, with or without spaces", async () => {
    for (const nhsNumber of [AMIRA_NHS, "943 476 5919"]) {
      const result = await search({ nhsNumber });
      expect(result.errors).toBeUndefined();
      expect(result.data!.searchPeople).toEqual([
        {
          score: 1,
          matchedOn: ["nhsNumber:exact"],
          // The postcode most of her records hold, for telling matches apart in the results.
          person: {
            id: AMIRA,
            givenName: "Amira",
            familyName: "Hussain",
            dateOfBirth: "1994-03-12",
            postcode: "DY1 4QT",
          },
        },
      ]);
    }
  });

  it('finds Amira by "Amira" + "Hussain"', async () => {
    const result = await search({ givenName: "Amira", familyName: "Hussain" });
    expect(result.data!.searchPeople).toEqual([
      expect.objectContaining({
        matchedOn: ["givenName:exact", "familyName:exact"],
        person: expect.objectContaining({ id: AMIRA }),
      }),
    ]);
    // Names alone say less than names and a date of birth.
    const withDob = await search({ givenName: "Amira", familyName: "Hussain", dateOfBirth: "1994-03-12" });
    expect(withDob.data!.searchPeople[0].score).toBeGreaterThan(0.99);
    expect(result.data!.searchPeople[0].score).toBeLessThan(withDob.data!.searchPeople[0].score);
  });

  it('finds Amira by "Hussain" + 1994-03-12 (not the centres\' Amirah Husain)', async () => {
    const result = await search({ familyName: "hussain ", dateOfBirth: "1994-03-12" });
    expect(result.data!.searchPeople).toEqual([
      expect.objectContaining({
        matchedOn: ["familyName:exact", "dateOfBirth:exact"],
        person: expect.objectContaining({ id: AMIRA }),
      }),
    ]);
  });

  it("finds Amira by the names the centres' record holds (probabilistic linkage made it hers)", async () => {
    const result = await search({ givenName: "Amirah", familyName: "Husain" });
    expect(result.data!.searchPeople.map((m: any) => m.person.id)).toEqual([AMIRA]);
  });

  it("finds a person by a name only one of their linked records holds", async () => {
    // Health visiting spells Tobi "Toby"; the person's name comes from registration.
    const result = await search({ givenName: "toby", familyName: "OKAFOR" });
    expect(result.data!.searchPeople).toEqual([
      expect.objectContaining({
        matchedOn: ["givenName:exact", "familyName:exact"],
        person: expect.objectContaining({ id: TOBI, givenName: "Tobi" }),
      }),
    ]);
  });

  it("sorts equal scores by family name then given name", async () => {
    const result = await search({ familyName: "Hussain" });
    const [first, second, ...rest] = result.data!.searchPeople;
    expect(rest).toEqual([]);
    expect([first.person.givenName, second.person.givenName]).toEqual(["Amira", "Zara"]);
    expect(first.score).toBe(second.score);
    expect(first.matchedOn).toEqual(["familyName:exact"]);
  });

  it("with three or more fields, lets one differ and scores lower", async () => {
    const result = await search({ givenName: "Amira", familyName: "Hussain", postcode: "DY9 9ZZ" });
    expect(result.data!.searchPeople).toEqual([
      expect.objectContaining({
        matchedOn: ["givenName:exact", "familyName:exact"],
        person: expect.objectContaining({ id: AMIRA }),
      }),
    ]);
    const agreeing = await search({ givenName: "Amira", familyName: "Hussain", postcode: "DY1 4QT" });
    expect(agreeing.data!.searchPeople[0].matchedOn).toEqual(["givenName:exact", "familyName:exact", "postcode:exact"]);
    expect(result.data!.searchPeople[0].score).toBeLessThan(agreeing.data!.searchPeople[0].score);
  });

  it("lists people sharing only the postcode with a named search as weaker candidates, only when asked", async () => {
    const q = { givenName: "Xanthe", postcode: "DY1 4QT" };
    expect((await search(q)).data!.searchPeople).toEqual([]);
    const weaker = await search({ ...q, includeWeakerCandidates: true });
    expect(weaker.errors).toBeUndefined();
    expect(weaker.data!.searchPeople.map((m: any) => m.person.id).sort()).toEqual([AMIRA, ZARA].sort());
    for (const m of weaker.data!.searchPeople) expect(m.matchedOn).toEqual(["postcode:exact"]);
  });

  it("matches postcodes in any case and spacing", async () => {
    const result = await search({ postcode: "dy14qt" });
    expect(result.data!.searchPeople.map((m: any) => m.person.id).sort()).toEqual([AMIRA, ZARA].sort());
  });

  it("scores an NHS match lower when another given field disagrees", async () => {
    const result = await search({ nhsNumber: ZARA_NHS, dateOfBirth: "2000-01-01" });
    expect(result.data!.searchPeople).toEqual([
      expect.objectContaining({
        matchedOn: ["nhsNumber:exact"],
        person: expect.objectContaining({ id: ZARA }),
      }),
    ]);
    const alone = await search({ nhsNumber: ZARA_NHS });
    expect(alone.data!.searchPeople[0].score).toBe(1);
    expect(result.data!.searchPeople[0].score).toBeLessThan(0.9999);
  });

  it("scores with the linkage model of the current build, exposed on the snapshot", () => {
    const snapshot = server.indexer.current()!;
    expect(snapshot.search.model).toBe(snapshot.model);
    expect(snapshot.model.m.givenName).toHaveLength(NAME_LEVELS.length);
  });

  it("finds nobody for an unknown valid NHS number", async () => {
    const result = await search({ nhsNumber: "9000000017" });
    expect(result.data!.searchPeople).toEqual([]);
  });

  it("loads the matched people in one store query", async () => {
    counting.reset();
    await search({ postcode: "DY1 4QT" });
    expect(counting.statements.filter((s) => /fi_person/.test(s))).toHaveLength(1);
    expect(counting.count).toBe(1);
  });
});

describe("person and family", () => {
  it("shows which agency records a person is linked to, and why", async () => {
    const result = await run(
      `query ($id: ID!) { person(id: $id) { id nhsNumber givenName familyName dateOfBirth sex postcode records { agency localId linkedBy confidence } family { id } } }`,
      { id: AMIRA },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.person).toEqual({
      id: AMIRA,
      nhsNumber: AMIRA_NHS,
      givenName: "Amira",
      familyName: "Hussain",
      dateOfBirth: "1994-03-12",
      sex: "FEMALE",
      postcode: "DY1 4QT",
      records: [
        { agency: "MATERNITY", localId: "MAT0000001", linkedBy: "ANCHOR", confidence: 1 },
        { agency: "HEALTH_VISITING", localId: "101", linkedBy: "NHS_NUMBER_AND_DATE_OF_BIRTH", confidence: 1 },
        { agency: "CHILDRENS_CENTRES", localId: "M0000001", linkedBy: "PROBABILISTIC", confidence: 1 },
        {
          agency: "REGISTRATION",
          localId: "Dudley North:101:mother",
          linkedBy: "NAME_DATE_OF_BIRTH_AND_POSTCODE",
          confidence: 1,
        },
      ],
      family: { id: familyIdFor(AMIRA) },
    });
  });

  it("shows the Hussain family with each member's relationship", async () => {
    const result = await run(
      `query ($id: ID!) { family(id: $id) { id members { relationship person { id givenName familyName } } } }`,
      { id: familyIdFor(AMIRA) },
    );
    expect(result.data!.family).toEqual({
      id: familyIdFor(AMIRA),
      members: [
        { relationship: "MOTHER", person: { id: AMIRA, givenName: "Amira", familyName: "Hussain" } },
        { relationship: "CHILD", person: { id: ZARA, givenName: "Zara", familyName: "Hussain" } },
      ],
    });
  });

  it("places the story families in their localities from their addresses (the Hussains in Brindleford Central)", async () => {
    const result = await run(
      `query ($hussain: ID!, $okafor: ID!, $reid: ID!) {
        hussain: person(id: $hussain) { family { locality { id name } } }
        okafor: person(id: $okafor) { family { locality { id name } } }
        reid: person(id: $reid) { family { locality { id name } } }
      }`,
      { hussain: AMIRA, okafor: TOBI, reid: SAM },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      // Amira and Zara at DY1 4QT: sector DY1 4, Market Street Family Hub's reach.
      hussain: { family: { locality: { id: "brindleford-central", name: "Brindleford Central" } } },
      // The Okafors at DY2 8PP: Parkfields Children's Centre's reach, in the same locality.
      okafor: { family: { locality: { id: "brindleford-central", name: "Brindleford Central" } } },
      // The Reids at DY3 1AA: Netherby Family Hub's reach.
      reid: { family: { locality: { id: "netherby", name: "Netherby" } } },
    });
  });

  it("answers null for unknown ids", async () => {
    const result = await run(`{ person(id: "P0000000000000000") { id } family(id: "F0000000000000000") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ person: null, family: null });
  });

  it("gives a person with no relations and no household a null family", async () => {
    const result = await run(`query ($id: ID!) { person(id: $id) { givenName family { id } } }`, { id: GRACE });
    expect(result.data!.person).toEqual({ givenName: "Grace", family: null });
    const sam = await run(`query ($id: ID!) { person(id: $id) { family { id } } }`, { id: SAM });
    expect(sam.data!.person.family).toEqual({ id: expect.stringMatching(/^F[0-9A-F]{16}$/) });
  });
});

describe("_entities", () => {
  const PERSON_ENTITIES = `query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person { id givenName maternityRecordIds healthVisitingRecordIds childrensCentresRecordIds registrationRecordIds family { id } }
    }
  }`;

  it("resolves N Person representations with one query per table", async () => {
    counting.reset();
    const result = await run(PERSON_ENTITIES, {
      representations: [AMIRA, ZARA, AMIRAH, "P0000000000000000"].map((id) => ({ __typename: "Person", id })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        id: AMIRA,
        givenName: "Amira",
        maternityRecordIds: ["MAT0000001"],
        healthVisitingRecordIds: ["101"],
        childrensCentresRecordIds: ["M0000001"],
        registrationRecordIds: ["Dudley North:101:mother"],
        family: { id: familyIdFor(AMIRA) },
      },
      {
        id: ZARA,
        givenName: "Zara",
        maternityRecordIds: ["BAB0000001"],
        healthVisitingRecordIds: ["102"],
        childrensCentresRecordIds: ["M0000002"],
        registrationRecordIds: ["Dudley North:101:child"],
        family: { id: familyIdFor(AMIRA) },
      },
      // The centres-only person's old id: her record is Amira's now.
      null,
      null,
    ]);
    expect(counting.statements.filter((s) => /FROM fi_person/.test(s))).toHaveLength(1);
    expect(counting.statements.filter((s) => /FROM fi_record/.test(s))).toHaveLength(1);
    expect(counting.count).toBe(2);
  });

  it("resolves N Family representations with one query per table", async () => {
    const families = await db.query<{ family_id: string }>(
      `SELECT DISTINCT family_id FROM fi_family ORDER BY family_id`,
    );
    expect(families).toHaveLength(3);
    counting.reset();
    const result = await run(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Family { id members { relationship person { id givenName } } } } }`,
      {
        representations: [
          ...families.map((f) => ({ __typename: "Family", id: f.family_id })),
          { __typename: "Family", id: "F0000000000000000" },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities;
    expect(entities).toHaveLength(4);
    expect(entities[3]).toBeNull();
    expect(
      entities
        .slice(0, 3)
        .map((f: any) => f.members.length)
        .sort(),
    ).toEqual([2, 3, 3]);
    expect(counting.statements.filter((s) => /FROM fi_family_member/.test(s))).toHaveLength(1);
    expect(counting.statements.filter((s) => /FROM fi_family /.test(s))).toHaveLength(1);
    expect(counting.statements.filter((s) => /FROM fi_person/.test(s))).toHaveLength(1);
    expect(counting.count).toBe(3);
  });
});

describe("which person an agency record is: the registered child and parents, a baby's birth, a work list child", () => {
  const AGENCY_PEOPLE = `query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on RegisteredChild { localId person { id givenName } }
      ... on RegisteredParent { localId person { id givenName } }
      ... on BirthDetails { localId person { id givenName } }
      ... on MandatedReviewWorkItem { childLocalId person { id givenName } }
    }
  }`;

  it("names each one's person from the index, all of them in one store query", async () => {
    counting.reset();
    const result = await run(AGENCY_PEOPLE, {
      representations: [
        { __typename: "RegisteredChild", localId: "Dudley North:101:child" },
        { __typename: "RegisteredParent", localId: "Dudley North:101:mother" },
        { __typename: "BirthDetails", localId: "BAB0000001" },
        { __typename: "BirthDetails", localId: "BAB0000002" },
        // Health visiting keys a work item by the patient id and the review: the child is the patient's person.
        { __typename: "MandatedReviewWorkItem", childLocalId: "102", review: "SIX_TO_EIGHT_WEEK" },
        { __typename: "MandatedReviewWorkItem", childLocalId: "102", review: "ONE_YEAR" },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { localId: "Dudley North:101:child", person: { id: ZARA, givenName: "Zara" } },
      { localId: "Dudley North:101:mother", person: { id: AMIRA, givenName: "Amira" } },
      { localId: "BAB0000001", person: { id: ZARA, givenName: "Zara" } },
      { localId: "BAB0000002", person: { id: TOBI, givenName: "Tobi" } },
      { childLocalId: "102", person: { id: ZARA, givenName: "Zara" } },
      { childLocalId: "102", person: { id: ZARA, givenName: "Zara" } },
    ]);
    expect(counting.statements.filter((s) => /FROM fi_person/.test(s))).toHaveLength(1);
    expect(counting.count).toBe(1);
  });

  it("answers INDEX_NOT_READY for a record the index does not hold yet, so the object is withheld", async () => {
    const result = await run(AGENCY_PEOPLE, {
      representations: [{ __typename: "RegisteredChild", localId: "Dudley North:999:child" }],
    });
    expect(result.data!._entities).toEqual([null]);
    expect(result.errors!.map((e) => e.extensions?.code)).toEqual(["INDEX_NOT_READY"]);
  });

  it("refuses them by key to a role shown nothing of the agency", async () => {
    const auditor = createContext(
      {
        store: server.store,
        indexer: server.indexer,
        logger,
        localities: server.localities,
        referenceDate: server.referenceDate,
      },
      "test-request",
      callerFor("ig-auditor", "audit"),
    );
    const result = await run(
      AGENCY_PEOPLE,
      { representations: [{ __typename: "RegisteredChild", localId: "Dudley North:101:child" }] },
      auditor,
    );
    expect(result.data!._entities).toEqual([null]);
    expect(result.errors!.map((e) => [e.extensions?.code, e.extensions?.agency])).toEqual([
      ["FORBIDDEN", "registration"],
    ]);
  });
});

describe("before the first build and when the store fails", () => {
  const notReady = { current: () => null };

  it("answers INDEX_NOT_READY with a clear message, after validating the input", async () => {
    const context = createContext(
      {
        store: server.store,
        indexer: notReady,
        logger,
        localities: server.localities,
        referenceDate: server.referenceDate,
      },
      "r1",
      FRONT_DOOR,
    );
    const result = await run(`{ person(id: "P1") { id } }`, {}, context);
    expect(result.errors).toEqual([expect.objectContaining({ extensions: { code: "INDEX_NOT_READY" } })]);
    expect(result.errors![0].message).toMatch(/still being built/);
    const bad = await run(
      SEARCH,
      { q: {} },
      createContext(
        {
          store: server.store,
          indexer: notReady,
          logger,
          localities: server.localities,
          referenceDate: server.referenceDate,
        },
        "r2",
        FRONT_DOOR,
      ),
    );
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const search = await run(
      SEARCH,
      { q: { familyName: "Hussain" } },
      createContext(
        {
          store: server.store,
          indexer: notReady,
          logger,
          localities: server.localities,
          referenceDate: server.referenceDate,
        },
        "r3",
        FRONT_DOOR,
      ),
    );
    expect(search.errors?.[0].extensions?.code).toBe("INDEX_NOT_READY");
    const entities = await run(
      `{ _entities(representations: [{ __typename: "Person", id: "P1" }]) { ... on Person { id } } }`,
      {},
      createContext(
        {
          store: server.store,
          indexer: notReady,
          logger,
          localities: server.localities,
          referenceDate: server.referenceDate,
        },
        "r4",
        FRONT_DOOR,
      ),
    );
    expect(entities.errors?.[0].extensions?.code).toBe("INDEX_NOT_READY");
  });

  it("answers AGENCY_UNAVAILABLE naming family-index when the link store fails, without its error", async () => {
    const broken: Db = {
      kind: "postgres",
      query: async () => {
        throw new Error("connect ECONNREFUSED 10.0.0.1:5432 (secret detail)");
      },
      exec: async () => undefined,
      close: async () => undefined,
    };
    const context = createContext(
      {
        store: new PostgresLinkStore(broken),
        indexer: server.indexer,
        logger,
        localities: server.localities,
        referenceDate: server.referenceDate,
      },
      "r5",
      FRONT_DOOR,
    );
    const result = await run(`query ($id: ID!) { person(id: $id) { id } }`, { id: AMIRA }, context);
    expect(result.errors).toEqual([
      expect.objectContaining({ extensions: { code: "AGENCY_UNAVAILABLE", agency: "family-index" } }),
    ]);
    expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|secret detail/);
  });
});
