import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { CountingDb, createLogger } from "@ffd/shared";
import { TEST_SECRETS } from "../../../tests/support/secrets";
import { createServer, type HealthVisitingContext, type HealthVisitingServer } from "./server";
import { FIXTURE_REFERENCE_DATE, openFixtureDb } from "./testing/health-visiting.fixture";
import { FULL_ACCESS } from "../../../tests/support/agency";

/*
 * The subgraph in process, over an embedded database holding hand-written rows: what
 * Person.healthVisiting answers for people of several ages, as of the reference date, and how
 * many queries a batch of representations costs.
 */

const RECORD = `
  localIds clientType team namedHealthVisitor base onCaseloadSince expectedDeliveryDate
  mandatedReviews { type dueFrom dueBy completedOn status asq3Completed }
  breastfeedingAtSixToEightWeeks
  contacts { date type outcome }
`;

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Person { id healthVisiting { ${RECORD} } } }
}`;

type Result = {
  data?: { _entities: { id: string; healthVisiting: Record<string, unknown> | null }[] } | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
};

const person = (id: string, healthVisitingRecordIds: string[]) => ({
  __typename: "Person",
  id,
  healthVisitingRecordIds,
});

const review = (
  type: string,
  dueFrom: string,
  dueBy: string,
  completedOn: string | null,
  status: string,
  asq3Completed: boolean | null = null,
) => ({
  type,
  dueFrom,
  dueBy,
  completedOn,
  status,
  asq3Completed,
});

let db: CountingDb;
let server: HealthVisitingServer;
let apollo: ApolloServer<HealthVisitingContext>;

async function entities(
  representations: unknown[],
  target: { server: HealthVisitingServer; apollo: ApolloServer<HealthVisitingContext> } = { server, apollo },
): Promise<Result> {
  const response = await target.apollo.executeOperation<Result["data"] & Record<string, unknown>>(
    { query: ENTITIES, variables: { representations } },
    { contextValue: target.server.context(FULL_ACCESS) },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as Result;
}

async function recordOf(id: string, ids: string[] = [id]) {
  const result = await entities([person(`person-${id}`, ids)]);
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0].healthVisiting;
}

beforeAll(async () => {
  db = new CountingDb(await openFixtureDb());
  server = await createServer({
    db,
    config: { REFERENCE_DATE: FIXTURE_REFERENCE_DATE, INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET },
    logger: createLogger("health-visiting", "silent"),
  });
  apollo = new ApolloServer<HealthVisitingContext>({
    schema: server.schema,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
});

afterAll(async () => {
  await apollo.stop();
  await db.close();
});

describe("Person.healthVisiting for a child", () => {
  it("Zara, 45 days old: antenatal done (on her mother's record), new birth visit done, 6-8 week due", async () => {
    expect(await recordOf("1002")).toEqual({
      localIds: ["1002"],
      clientType: "CHILD",
      team: "North Locality HV Team",
      namedHealthVisitor: "Grace Okafor",
      base: "Northgate Children's Centre",
      onCaseloadSince: "2025-05-01",
      expectedDeliveryDate: null,
      mandatedReviews: [
        review("ANTENATAL", "2025-02-06", "2025-05-01", "2025-03-20", "COMPLETED"),
        review("NEW_BIRTH_VISIT", "2025-05-01", "2025-05-15", "2025-05-10", "COMPLETED"),
        review("SIX_TO_EIGHT_WEEK", "2025-06-12", "2025-06-26", null, "DUE"),
        review("ONE_YEAR", "2026-02-01", "2026-05-01", null, "NOT_YET_DUE"),
        review("TWO_TO_TWO_AND_A_HALF_YEAR", "2027-05-01", "2027-11-01", null, "NOT_YET_DUE"),
      ],
      breastfeedingAtSixToEightWeeks: null,
      // The 6-8 week contact dated after the reference date is left out.
      contacts: [
        { date: "2025-05-10", type: "NEW_BIRTH_VISIT", outcome: "ATTENDED" },
        { date: "2025-06-01", type: "OTHER", outcome: "ATTENDED" },
        { date: "2025-06-05", type: "TELEPHONE", outcome: "UNKNOWN" },
      ],
    });
  });

  it("Leo, 13 months, no mother on the system: antenatal missed, late new birth visit done, 6-8 week missed, 1 year overdue", async () => {
    expect(await recordOf("1004")).toEqual({
      localIds: ["1004"],
      clientType: "CHILD",
      team: "South Locality HV Team",
      namedHealthVisitor: "Tom Reilly",
      base: null,
      onCaseloadSince: "2024-05-10",
      expectedDeliveryDate: null,
      mandatedReviews: [
        review("ANTENATAL", "2024-02-16", "2024-05-10", null, "MISSED"),
        review("NEW_BIRTH_VISIT", "2024-05-10", "2024-05-24", "2024-05-30", "COMPLETED"),
        review("SIX_TO_EIGHT_WEEK", "2024-06-21", "2024-07-05", null, "MISSED"),
        review("ONE_YEAR", "2025-02-10", "2025-05-10", null, "OVERDUE"),
        review("TWO_TO_TWO_AND_A_HALF_YEAR", "2026-05-10", "2026-11-10", null, "NOT_YET_DUE"),
      ],
      // Breastfeeding is read only from the contact that completed the 6-8 week review.
      breastfeedingAtSixToEightWeeks: null,
      contacts: [
        { date: "2024-05-30", type: "NEW_BIRTH_VISIT", outcome: "ATTENDED" },
        { date: "2024-06-25", type: "SIX_TO_EIGHT_WEEK_REVIEW", outcome: "DID_NOT_ATTEND" },
        { date: "2024-08-10", type: "SIX_TO_EIGHT_WEEK_REVIEW", outcome: "ATTENDED" },
      ],
    });
  });

  it("Leo with both of his patient records: the 1 year review recorded on the second one completes it", async () => {
    const record = await recordOf("1004", ["1011", "1004"]);
    expect(record).toMatchObject({
      localIds: ["1004", "1011"],
      clientType: "CHILD",
      team: "South Locality HV Team",
      onCaseloadSince: "2024-05-10",
    });
    expect((record!.mandatedReviews as unknown[])[3]).toEqual(
      review("ONE_YEAR", "2025-02-10", "2025-05-10", "2025-06-01", "COMPLETED"),
    );
    expect((record!.contacts as { date: string }[]).map((c) => c.date)).toEqual([
      "2024-05-30",
      "2024-06-25",
      "2024-08-10",
      "2025-06-01",
    ]);
  });

  it("Mia, 2 years 4 months, born on a month end: antenatal missed (her mother did not attend), 1 year done late, 2-2½ year due", async () => {
    const record = await recordOf("1005");
    expect(record!.mandatedReviews).toEqual([
      review("ANTENATAL", "2022-11-08", "2023-01-31", null, "MISSED"),
      review("NEW_BIRTH_VISIT", "2023-01-31", "2023-02-14", "2023-02-07", "COMPLETED"),
      review("SIX_TO_EIGHT_WEEK", "2023-03-14", "2023-03-28", "2023-03-20", "COMPLETED"),
      review("ONE_YEAR", "2023-10-31", "2024-01-31", "2024-03-20", "COMPLETED"),
      review("TWO_TO_TWO_AND_A_HALF_YEAR", "2025-01-31", "2025-07-31", null, "DUE"),
    ]);
    expect(record!.breastfeedingAtSixToEightWeeks).toBe("PARTIALLY");
    expect(record!.contacts).toEqual([
      { date: "2023-02-07", type: "NEW_BIRTH_VISIT", outcome: "ATTENDED" },
      { date: "2023-03-20", type: "SIX_TO_EIGHT_WEEK_REVIEW", outcome: "ATTENDED" },
      { date: "2024-03-20", type: "ONE_YEAR_REVIEW", outcome: "ATTENDED" },
      { date: "2025-03-01", type: "TWO_TO_TWO_AND_A_HALF_YEAR_REVIEW", outcome: "DID_NOT_ATTEND" },
    ]);
  });

  it("Adam, 4 years: all five completed, ASQ-3 done at the 2 year review, not breastfed at 6-8 weeks", async () => {
    const record = await recordOf("1010");
    expect(record!.mandatedReviews).toEqual([
      review("ANTENATAL", "2020-12-21", "2021-03-15", "2021-02-10", "COMPLETED"),
      review("NEW_BIRTH_VISIT", "2021-03-15", "2021-03-29", "2021-03-20", "COMPLETED"),
      review("SIX_TO_EIGHT_WEEK", "2021-04-26", "2021-05-10", "2021-05-01", "COMPLETED"),
      review("ONE_YEAR", "2021-12-15", "2022-03-15", "2022-03-20", "COMPLETED"),
      review("TWO_TO_TWO_AND_A_HALF_YEAR", "2023-03-15", "2023-09-15", "2023-09-01", "COMPLETED", true),
    ]);
    expect(record!.breastfeedingAtSixToEightWeeks).toBe("NOT_BREASTFED");
  });

  it("a child whose date of birth is not a real date lists no reviews rather than failing", async () => {
    expect(await recordOf("1009")).toEqual({
      localIds: ["1009"],
      clientType: "CHILD",
      team: null,
      namedHealthVisitor: null,
      base: null,
      onCaseloadSince: null,
      expectedDeliveryDate: null,
      mandatedReviews: [],
      breastfeedingAtSixToEightWeeks: null,
      contacts: [],
    });
  });

  it("statuses follow the reference date: eleven days later Zara's 6-8 week review is completed", async () => {
    const later = await createServer({
      db,
      config: { REFERENCE_DATE: "2025-06-26", INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET },
      logger: createLogger("health-visiting", "silent"),
    });
    const laterApollo = new ApolloServer<HealthVisitingContext>({
      schema: later.schema,
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await laterApollo.start();
    try {
      const result = await entities([person("zara", ["1002"])], { server: later, apollo: laterApollo });
      const record = result.data!._entities[0].healthVisiting!;
      expect((record.mandatedReviews as unknown[])[2]).toEqual(
        review("SIX_TO_EIGHT_WEEK", "2025-06-12", "2025-06-26", "2025-06-20", "COMPLETED"),
      );
      expect(record.breastfeedingAtSixToEightWeeks).toBe("TOTALLY");
    } finally {
      await laterApollo.stop();
    }
  });
});

describe("Person.healthVisiting for adults", () => {
  it("an expectant parent lists the antenatal review for her pregnancy: Priya, attended at 33 weeks", async () => {
    expect(await recordOf("1007")).toEqual({
      localIds: ["1007"],
      clientType: "EXPECTANT_PARENT",
      team: "South Locality HV Team",
      namedHealthVisitor: "Tom Reilly",
      base: null,
      onCaseloadSince: "2025-04-01",
      expectedDeliveryDate: "2025-08-01",
      mandatedReviews: [review("ANTENATAL", "2025-05-09", "2025-08-01", "2025-06-12", "COMPLETED")],
      breastfeedingAtSixToEightWeeks: null,
      contacts: [
        { date: "2025-06-01", type: "ANTENATAL", outcome: "DID_NOT_ATTEND" },
        { date: "2025-06-12", type: "ANTENATAL", outcome: "ATTENDED" },
      ],
    });
  });

  it("Chloe, 26 weeks: seen before 28 weeks, so her antenatal review is not yet due", async () => {
    const record = await recordOf("1008");
    expect(record).toMatchObject({ clientType: "EXPECTANT_PARENT", expectedDeliveryDate: "2025-09-20" });
    expect(record!.mandatedReviews).toEqual([review("ANTENATAL", "2025-06-28", "2025-09-20", null, "NOT_YET_DUE")]);
  });

  it("a parent lists no reviews; her antenatal contact is in her own contacts", async () => {
    expect(await recordOf("1001")).toMatchObject({
      localIds: ["1001"],
      clientType: "PARENT_OR_CARER",
      expectedDeliveryDate: null,
      mandatedReviews: [],
      breastfeedingAtSixToEightWeeks: null,
      contacts: [{ date: "2025-03-20", type: "ANTENATAL", outcome: "ATTENDED" }],
    });
  });
});

describe("_entities for Person", () => {
  it("ignores unknown ids and reads a repeated one once", async () => {
    const result = await entities([person("c", ["99999", "1004", "1004"])]);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((e) => [e.id, e.healthVisiting?.localIds ?? null])).toEqual([["c", ["1004"]]]);
  });

  it("does not look up mothers when no child is in the batch", async () => {
    db.reset();
    const result = await entities([person("amira", ["1001"]), person("priya", ["1007"]), person("omar", ["1003"])]);
    expect(result.errors).toBeUndefined();
    expect(db.statements).toHaveLength(2);
    expect(db.statements.some((s) => /hv_family_rel/.test(s))).toBe(false);
  });

  it("makes no query when no representation carries a patient id", async () => {
    db.reset();
    await entities([person("a", []), person("b", ["x"])]);
    expect(db.count).toBe(0);
  });
});
