import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import {
  CountingDb,
  createLogger,
  type Db,
  IDENTITY_FEED_AUDIENCE,
  IDENTITY_FEED_PATH,
  type IdentityRecord,
  type Logger,
  maskFormattedError,
  type RunningService,
  signServiceToken,
} from "@ffd/shared";
import { parseMaternityConfig } from "./config";
import { buildSchema, createContext, createServer, type MaternityContext } from "./server";
import { PostgresMaternitySource } from "./source/maternity.postgres";
import { openFixtureDb } from "./testing/fixtures";
import { secretEnv } from "../../../tests/support/secrets";
import { FULL_ACCESS, gatewayAuthorization } from "../../../tests/support/agency";

/** What the gateway sends: a short-lived internal token naming the caller (subgraphs refuse /graphql without one). */
const asGateway = () => gatewayAuthorization(config.INTERNAL_TOKEN_SECRET);

const silent = createLogger("maternity", "silent");
const config = parseMaternityConfig({ ...secretEnv(), NODE_ENV: "test", LOG_LEVEL: "silent" });

const MATERNITY = /* GraphQL */ `
  fragment Maternity on Person {
    id
    maternity {
      localIds
      provider
      pregnancies {
        id
        bookedOn
        gestationAtBooking {
          weeks
          days
          totalDays
        }
        agreedDueDate
        complexSocialFactors
        outcome
        babies {
          localId
          bornAt
          sex
          gestation {
            weeks
            days
            totalDays
          }
          birthWeightGrams
          deliveryMethod
          firstFeed
          birthNotifiedAt
        }
      }
      birth {
        localId
        bornAt
        sex
        gestation {
          weeks
          days
          totalDays
        }
        birthWeightGrams
        deliveryMethod
        firstFeed
        birthNotifiedAt
      }
    }
  }
`;
const PERSON_ENTITIES = /* GraphQL */ `
  query People($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ...Maternity
    }
  }
  ${MATERNITY}
`;

const person = (id: string, maternityRecordIds: string[]) => ({ __typename: "Person", id, maternityRecordIds });

/** Which maternity table a statement reads first (its FROM), to show one query per table. */
const tableOf = (sql: string) => /FROM\s+(msd\d{3}_\w+)/i.exec(sql)?.[1];

describe("maternity subgraph", () => {
  let db: Db;
  let counting: CountingDb;
  let apollo: ApolloServer<MaternityContext>;
  let source: PostgresMaternitySource;

  async function run(query: string, variables: Record<string, unknown> = {}) {
    const response = await apollo.executeOperation(
      { query, variables },
      { contextValue: createContext({ source, logger: silent, requestId: "test-request", caller: FULL_ACCESS }) },
    );
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult;
  }

  beforeAll(async () => {
    db = await openFixtureDb();
    counting = new CountingDb(db);
    source = new PostgresMaternitySource(counting);
    apollo = new ApolloServer<MaternityContext>({
      schema: await buildSchema(),
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

  describe("Person.maternity", () => {
    it("shows a mother's pregnancies, earliest first, with their babies", async () => {
      const result = await run(PERSON_ENTITIES, { representations: [person("p-beth", ["MAT0000002"])] });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          {
            id: "p-beth",
            maternity: {
              localIds: ["MAT0000002"],
              provider: "The Royal Wolverhampton NHS Trust",
              pregnancies: [
                {
                  id: "PRG0000002",
                  bookedOn: "2022-02-01",
                  gestationAtBooking: { weeks: 12, days: 1, totalDays: 85 },
                  agreedDueDate: "2022-08-20",
                  complexSocialFactors: false,
                  outcome: "LIVE_BIRTH",
                  babies: [
                    {
                      localId: "BAB0000002",
                      bornAt: "2022-07-31T23:30:00Z",
                      sex: "MALE",
                      gestation: { weeks: 36, days: 0, totalDays: 252 },
                      birthWeightGrams: null,
                      deliveryMethod: "EMERGENCY_CAESAREAN",
                      firstFeed: "MIXED",
                      birthNotifiedAt: "2022-08-01T09:00:00Z",
                    },
                    {
                      localId: "BAB0000003",
                      bornAt: "2022-07-31T23:41:00Z",
                      sex: "UNKNOWN",
                      gestation: { weeks: 36, days: 0, totalDays: 252 },
                      birthWeightGrams: 2100,
                      deliveryMethod: "EMERGENCY_CAESAREAN",
                      firstFeed: "NOT_BREAST_MILK",
                      birthNotifiedAt: "2022-08-01T09:00:00Z",
                    },
                  ],
                },
                {
                  id: "PRG0000003",
                  bookedOn: "2024-06-01",
                  gestationAtBooking: { weeks: 8, days: 4, totalDays: 60 },
                  agreedDueDate: "2025-01-05",
                  complexSocialFactors: null,
                  outcome: "ONGOING",
                  babies: [],
                },
              ],
              birth: null,
            },
          },
        ],
      });
    });

    it("shows a baby's own birth and no pregnancies", async () => {
      const result = await run(PERSON_ENTITIES, { representations: [person("p-zara", ["BAB0000001"])] });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          {
            id: "p-zara",
            maternity: {
              localIds: ["BAB0000001"],
              provider: "The Dudley Group NHS Foundation Trust",
              pregnancies: [],
              birth: {
                localId: "BAB0000001",
                bornAt: "2024-07-28T22:30:00Z",
                sex: "FEMALE",
                gestation: { weeks: 39, days: 2, totalDays: 275 },
                birthWeightGrams: 3300,
                deliveryMethod: "SPONTANEOUS_VERTEX",
                firstFeed: "BREAST_MILK",
                birthNotifiedAt: "2024-07-29T08:15:00Z",
              },
            },
          },
        ],
      });
    });

    it("is null for a person with no maternity ids or only unknown ones, and asks nothing for an empty list", async () => {
      const empty = await run(PERSON_ENTITIES, { representations: [person("p-none", [])] });
      expect(empty.errors).toBeUndefined();
      expect(empty.data).toEqual({ _entities: [{ id: "p-none", maternity: null }] });
      expect(counting.count).toBe(0);

      const unknown = await run(PERSON_ENTITIES, {
        representations: [person("p-stranger", ["MAT9999999", "BAB9999999"])],
      });
      expect(unknown.errors).toBeUndefined();
      expect(unknown.data).toEqual({ _entities: [{ id: "p-stranger", maternity: null }] });
    });

    it("keeps only the ids the system holds, and a mother's pregnancies without her unknown ids", async () => {
      const result = await run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { maternity { localIds pregnancies { id } } } } }`,
        {
          r: [person("p-chloe", ["MAT9999999", "MAT0000003"])],
        },
      );
      expect(result.data).toEqual({
        _entities: [
          { maternity: { localIds: ["MAT0000003"], pregnancies: [{ id: "PRG0000004" }, { id: "PRG0000005" }] } },
        ],
      });
    });
  });

  describe("_entities batching", () => {
    const many = [
      person("p-amira", ["MAT0000001"]),
      person("p-beth", ["MAT0000002"]),
      person("p-zara", ["BAB0000001"]),
      person("p-chloe", ["MAT0000003"]),
      person("p-twin", ["BAB0000003"]),
      person("p-dana", ["MAT0000004"]),
      person("p-stranger", ["MAT9999999"]),
      person("p-none", []),
    ];

    it("answers N Person representations in order with one query per table", async () => {
      const result = await run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id maternity { localIds provider pregnancies { id } birth { localId } } } } }`,
        { r: many },
      );
      expect(result.errors).toBeUndefined();
      const entities = (
        result.data as {
          _entities: {
            id: string;
            maternity: { localIds: string[]; pregnancies: { id: string }[]; birth: { localId: string } | null } | null;
          }[];
        }
      )._entities;
      expect(
        entities.map((e) => [
          e.id,
          e.maternity?.localIds ?? null,
          e.maternity?.pregnancies.map((p) => p.id) ?? null,
          e.maternity?.birth?.localId ?? null,
        ]),
      ).toEqual([
        ["p-amira", ["MAT0000001"], ["PRG0000001"], null],
        ["p-beth", ["MAT0000002"], ["PRG0000002", "PRG0000003"], null],
        ["p-zara", ["BAB0000001"], [], "BAB0000001"],
        ["p-chloe", ["MAT0000003"], ["PRG0000004", "PRG0000005"], null],
        ["p-twin", ["BAB0000003"], [], "BAB0000003"],
        ["p-dana", ["MAT0000004"], [], null],
        ["p-stranger", null, null, null],
        ["p-none", null, null, null],
      ]);
      // mothers (with their trust), births by baby id, pregnancies by mother: one each, whatever N.
      expect(counting.statements.map(tableOf).sort()).toEqual([
        "msd001_mother_demog",
        "msd101_preg_booking",
        "msd401_baby_demog",
      ]);
    });

    it("reads babies of every pregnancy in one more query, however many people and pregnancies", async () => {
      const result = await run(PERSON_ENTITIES, { representations: many });
      expect(result.errors).toBeUndefined();
      // The three lookups above plus births by pregnancy: 4 for 8 people, 6 pregnancies and 4 babies.
      expect(counting.count).toBe(4);
      expect(counting.statements.map(tableOf).sort()).toEqual([
        "msd001_mother_demog",
        "msd101_preg_booking",
        "msd401_baby_demog",
        "msd401_baby_demog",
      ]);

      counting.reset();
      await run(PERSON_ENTITIES, { representations: many.slice(0, 1) });
      expect(counting.count).toBe(4);
    });

    it("answers N Pregnancy representations in one query, null for an unknown one", async () => {
      const result = await run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Pregnancy { id outcome bookedOn babies { localId } } } }`,
        { r: ["PRG0000005", "PRG9999999", "PRG0000002", "PRG0000003"].map((id) => ({ __typename: "Pregnancy", id })) },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          { id: "PRG0000005", outcome: "STILLBIRTH", bookedOn: "2023-06-12", babies: [{ localId: "BAB0000004" }] },
          null,
          {
            id: "PRG0000002",
            outcome: "LIVE_BIRTH",
            bookedOn: "2022-02-01",
            babies: [{ localId: "BAB0000002" }, { localId: "BAB0000003" }],
          },
          { id: "PRG0000003", outcome: "ONGOING", bookedOn: "2024-06-01", babies: [] },
        ],
      });
      expect(counting.statements.map(tableOf)).toEqual(["msd101_preg_booking", "msd401_baby_demog"]);
    });

    it("asks nothing more for a pregnancy without babies selected", async () => {
      await run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Pregnancy { id } } }`, {
        r: ["PRG0000001", "PRG0000002", "PRG0000003"].map((id) => ({ __typename: "Pregnancy", id })),
      });
      expect(counting.count).toBe(1);
    });
  });
});

describe("maternity subgraph over HTTP", () => {
  let db: Db;
  let service: RunningService;
  let feedUrl: string;

  beforeAll(async () => {
    db = await openFixtureDb();
    service = await (await createServer({ db, config, logger: silent })).start(0);
    feedUrl = `http://127.0.0.1:${service.port}${IDENTITY_FEED_PATH}`;
  });
  afterAll(async () => {
    await service.stop();
    await db.close();
  });

  const feedToken = () => signServiceToken(config.INTERNAL_TOKEN_SECRET, "family-index", IDENTITY_FEED_AUDIENCE);

  it("refuses the identity feed without a token (401) and to any service but family-index (403)", async () => {
    expect((await fetch(`${feedUrl}?limit=10`)).status).toBe(401);
    const gateway = await signServiceToken(config.INTERNAL_TOKEN_SECRET, "gateway", IDENTITY_FEED_AUDIENCE);
    expect((await fetch(`${feedUrl}?limit=10`, { headers: { authorization: `Bearer ${gateway}` } })).status).toBe(403);
    const forged = await signServiceToken(
      "another-secret-of-at-least-thirty-two-chars",
      "family-index",
      IDENTITY_FEED_AUDIENCE,
    );
    expect((await fetch(`${feedUrl}?limit=10`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  });

  it.each([3, 4])("serves pages of %i that concatenate to exactly all records", async (limit) => {
    const token = await feedToken();
    const records: IdentityRecord[] = [];
    const cursors: (string | null)[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const url = `${feedUrl}?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ""}`;
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { agency: string; records: IdentityRecord[]; nextCursor: string | null };
      expect(body.agency).toBe("maternity");
      records.push(...body.records);
      cursors.push(body.nextCursor);
      if (body.nextCursor === null) break;
      after = body.nextCursor;
    }
    expect(records.map((r) => r.localId)).toEqual([
      "BAB0000001",
      "BAB0000002",
      "BAB0000003",
      "BAB0000004",
      "MAT0000001",
      "MAT0000002",
      "MAT0000003",
      "MAT0000004",
    ]);
    expect(records).toEqual(await new PostgresMaternitySource(db).identityFeed(null, 100));
    expect(cursors).toEqual(limit === 3 ? ["BAB0000003", "MAT0000002", null] : ["BAB0000004", "MAT0000004", null]);
  });
});

describe("maternity subgraph with its database down", () => {
  it("answers AGENCY_UNAVAILABLE naming maternity, with no internal detail, and logs the cause without personal data", async () => {
    const logged: { event: string; fields: Record<string, unknown> }[] = [];
    const capture = (event: string, fields: Record<string, unknown> = {}) => void logged.push({ event, fields });
    const logger: Logger = { debug: capture, info: capture, warn: capture, error: capture };
    const db = await openFixtureDb();
    const service = await (await createServer({ db, config, logger })).start(0);
    try {
      await db.close();
      const response = await fetch(service.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: await asGateway() },
        body: JSON.stringify({
          query: PERSON_ENTITIES,
          variables: { representations: [person("p-amira", ["MAT0000001"]), person("p-zara", ["BAB0000001"])] },
        }),
      });
      const body = (await response.json()) as {
        data: unknown;
        errors: { message: string; extensions: Record<string, unknown> }[];
      };
      expect(body.data).toEqual({
        _entities: [
          { id: "p-amira", maternity: null },
          { id: "p-zara", maternity: null },
        ],
      });
      expect(body.errors.length).toBeGreaterThan(0);
      for (const error of body.errors) {
        expect(error.extensions).toEqual({ code: "AGENCY_UNAVAILABLE", agency: "maternity" });
        expect(error.message).toBe(
          "The maternity system is unavailable, so its information is missing from this answer. Try again later.",
        );
      }
      expect(JSON.stringify(body)).not.toMatch(/PGlite|closed|msd\d|SELECT|stack/i);

      const unavailable = logged.filter((l) => l.event === "agency.unavailable");
      expect(unavailable.length).toBeGreaterThan(0);
      expect(unavailable[0].fields).toMatchObject({ agency: "maternity", errorName: expect.any(String) });
      expect(JSON.stringify(logged)).not.toMatch(/MAT0000001|BAB0000001|Hussain/);

      const token = await signServiceToken(config.INTERNAL_TOKEN_SECRET, "family-index", IDENTITY_FEED_AUDIENCE);
      const feed = await fetch(`http://127.0.0.1:${service.port}${IDENTITY_FEED_PATH}?limit=5`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(feed.status).toBe(503);
      expect(JSON.stringify(await feed.json())).not.toMatch(/PGlite|closed/i);
    } finally {
      await service.stop();
    }
  });
});
