import { callerFor, CountingDb, ROLES, PURPOSES_OF_ACCESS, mayDeclare } from "@ffd/shared";
import { capturingLogger, inProcess } from "../../../../../tests/support/agency";
import { withSystemDown } from "../../../../../tests/support/agency-contract";
import { TEST_SECRETS } from "../../../../../tests/support/secrets";
import { createServer } from "../../server";
import { FIXTURE_LOCALITIES, FIXTURE_REFERENCE_DATE, openFixtureDb } from "../../testing/health-visiting.fixture";

/*
 * Query.mandatedReviewWorklist and Query.mandatedReviewPerformance over the hand-written rows
 * (reference date 2025-06-15), with a reference of the fixture's postcodes (FIXTURE_LOCALITIES):
 * Zara (E1 6AN) and Leo's first record (N1 9GU) are in North; Mia, Adam and Leo's second record
 * (SE1 7PB) in South; East and West hold no one. Every expected value is worked out by hand from
 * the schedule's table.
 */

const WORKLIST = `query ($locality: ID!, $days: Int) {
  mandatedReviewWorklist(locality: $locality, dueWithinDays: $days) {
    childLocalId review dueFrom dueBy status team namedHealthVisitor
  }
}`;
const PERFORMANCE = `query ($locality: ID) {
  mandatedReviewPerformance(locality: $locality) {
    locality { id } periodStart periodEnd reviews { review eligible completedInTime rate nationalRate }
  }
}`;

const HV = callerFor("health-visitor", "direct-care");

const LEO_ONE_YEAR = {
  childLocalId: "1004",
  review: "ONE_YEAR",
  dueFrom: "2025-02-10",
  dueBy: "2025-05-10",
  status: "OVERDUE",
  team: "South Locality HV Team",
  namedHealthVisitor: "Tom Reilly",
};
const ZARA_SIX_TO_EIGHT = {
  childLocalId: "1002",
  review: "SIX_TO_EIGHT_WEEK",
  dueFrom: "2025-06-12",
  dueBy: "2025-06-26",
  status: "DUE",
  team: "North Locality HV Team",
  namedHealthVisitor: "Grace Okafor",
};
const MIA_TWO_YEAR = {
  childLocalId: "1005",
  review: "TWO_TO_TWO_AND_A_HALF_YEAR",
  dueFrom: "2025-01-31",
  dueBy: "2025-07-31",
  status: "DUE",
  team: "North Locality HV Team",
  namedHealthVisitor: "Grace Okafor",
};

const row = (review: string, eligible: number, completedInTime: number, nationalRate: number | null) => ({
  review,
  eligible,
  completedInTime,
  rate: eligible === 0 ? null : completedInTime / eligible,
  nationalRate,
});

let db: CountingDb;
let server: Awaited<ReturnType<typeof createServer>>;
let client: Awaited<ReturnType<typeof inProcess>>;

beforeAll(async () => {
  db = new CountingDb(await openFixtureDb());
  server = await createServer({
    db,
    config: { REFERENCE_DATE: FIXTURE_REFERENCE_DATE, INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET },
    logger: capturingLogger(),
    localities: FIXTURE_LOCALITIES,
  });
  client = await inProcess(server);
});
afterAll(async () => {
  await client?.stop();
  await db?.close();
});

describe("mandatedReviewWorklist", () => {
  it("lists a locality's children with a review overdue or due within 14 days, overdue first, in three queries", async () => {
    db.reset();
    const result = await client.run(WORKLIST, { locality: "north" }, HV);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ mandatedReviewWorklist: [LEO_ONE_YEAR, ZARA_SIX_TO_EIGHT] });
    // Patients with their caseload, the children's mothers, the contacts: one query per table.
    expect(db.count).toBe(3);
    expect(db.statements.filter((s) => /FROM hv_patient/.test(s))).toHaveLength(1);
    expect(db.statements.filter((s) => /FROM hv_family_rel/.test(s))).toHaveLength(1);
    expect(db.statements.filter((s) => /FROM hv_contact/.test(s))).toHaveLength(1);
  });

  it("takes the window in days: 0 lists only what is overdue or due today, 90 what falls due by then", async () => {
    expect((await client.run(WORKLIST, { locality: "north", days: 0 }, HV)).data).toEqual({
      mandatedReviewWorklist: [LEO_ONE_YEAR],
    });
    // South: Leo's second record completed his 1 year review (late); Adam is done; Mia's 2-2½ year is due 31 July.
    expect((await client.run(WORKLIST, { locality: "south" }, HV)).data).toEqual({ mandatedReviewWorklist: [] });
    expect((await client.run(WORKLIST, { locality: "south", days: 90 }, HV)).data).toEqual({
      mandatedReviewWorklist: [MIA_TWO_YEAR],
    });
  });

  it("refuses an unknown locality, naming it, and a window outside 0 to 90 days, before reading anything", async () => {
    db.reset();
    const unknown = await client.run(WORKLIST, { locality: "atlantis" }, HV);
    expect(unknown.data).toBeNull();
    expect(unknown.errors!.map((e) => [e.extensions?.code, e.message])).toEqual([
      ["BAD_USER_INPUT", expect.stringContaining('"atlantis"')],
    ]);
    for (const days of [-1, 91]) {
      const outside = await client.run(WORKLIST, { locality: "north", days }, HV);
      expect(outside.errors!.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ["BAD_USER_INPUT", "dueWithinDays"],
      ]);
    }
    expect(db.count).toBe(0);
  });

  it("is AGENCY_UNAVAILABLE, naming health visiting and logged without a person, when the system is down", async () => {
    const logger = capturingLogger();
    await withSystemDown(
      (db) =>
        createServer({
          db,
          config: { REFERENCE_DATE: FIXTURE_REFERENCE_DATE, INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET },
          logger,
          localities: FIXTURE_LOCALITIES,
        }),
      async (brokenClient) => {
        const result = await brokenClient.run(WORKLIST, { locality: "north" }, HV);
        expect(result.data).toBeNull();
        expect(result.errors!.map((e) => [e.extensions?.code, e.extensions?.agency])).toEqual([
          ["AGENCY_UNAVAILABLE", "health-visiting"],
        ]);
        expect(logger.lines.filter((l) => l.event === "agency.unavailable")).toHaveLength(1);
        expect(JSON.stringify(logger.lines)).not.toMatch(/north|1004|Leo/);
      },
    );
  });
});

describe("mandatedReviewPerformance", () => {
  it("counts, per review, children due in the 12 months to the reference date and those seen in time", async () => {
    const north = await client.run(PERFORMANCE, { locality: "north" }, HV);
    expect(north.errors).toBeUndefined();
    expect(north.data).toEqual({
      mandatedReviewPerformance: {
        locality: { id: "north" },
        periodStart: "2024-06-16",
        periodEnd: "2025-06-15",
        reviews: [
          row("ANTENATAL", 1, 1, null), // Zara: her mother's antenatal contact, before the birth
          row("NEW_BIRTH_VISIT", 1, 1, 0.85), // Zara, day 9 (Leo's, late, fell due before the period)
          row("SIX_TO_EIGHT_WEEK", 1, 0, 0.8), // Leo: did not attend, then seen after the window
          row("ONE_YEAR", 1, 0, 0.75), // Leo: overdue
          row("TWO_TO_TWO_AND_A_HALF_YEAR", 0, 0, null),
        ],
      },
    });
  });

  it("gives the borough (every locality) when no locality is asked, in three queries", async () => {
    db.reset();
    const borough = await client.run(PERFORMANCE, { locality: null }, HV);
    expect(borough.errors).toBeUndefined();
    expect(borough.data).toEqual({
      mandatedReviewPerformance: {
        locality: null,
        periodStart: "2024-06-16",
        periodEnd: "2025-06-15",
        reviews: [
          row("ANTENATAL", 1, 1, null),
          row("NEW_BIRTH_VISIT", 1, 1, 0.85),
          // Leo's second record (South): its 6-8 week missed, its 1 year review done on 1 June, late.
          row("SIX_TO_EIGHT_WEEK", 2, 0, 0.8),
          row("ONE_YEAR", 2, 0, 0.75),
          row("TWO_TO_TWO_AND_A_HALF_YEAR", 0, 0, null),
        ],
      },
    });
    expect(db.count).toBe(3);
  });

  it("with the work list in one request, still reads the system in three queries", async () => {
    db.reset();
    const both = await client.run(
      `query ($locality: ID!) {
        mandatedReviewWorklist(locality: $locality) { childLocalId review }
        mandatedReviewPerformance { reviews { eligible } }
      }`,
      { locality: "north" },
      HV,
    );
    expect(both.errors).toBeUndefined();
    expect(db.count).toBe(3);
  });
});

describe("LocalityProfile.reviewPerformance (the 0-5 profile's review rates)", () => {
  const PROFILES = `query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on LocalityProfile { id reviewPerformance { locality { id } periodStart periodEnd reviews { review eligible completedInTime rate nationalRate } } }
    }
  }`;
  const profiles = (...ids: string[]) => ({ reps: ids.map((id) => ({ __typename: "LocalityProfile", id })) });

  it("gives each locality's profile the performance Query.mandatedReviewPerformance gives it, in three queries for all of them", async () => {
    const expected = await Promise.all(
      ["north", "south"].map(
        async (locality) =>
          (await client.run(PERFORMANCE, { locality }, HV)).data!.mandatedReviewPerformance as {
            reviews: unknown[];
          },
      ),
    );
    db.reset();
    const result = await client.run(PROFILES, profiles("north", "south", "atlantis"), HV);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { id: "north", reviewPerformance: expected[0] },
      { id: "south", reviewPerformance: expected[1] },
      null,
    ]);
    expect(expected[0].reviews[1]).toEqual(row("NEW_BIRTH_VISIT", 1, 1, 0.85));
    // Patients, mothers, contacts: one query per table, whatever the number of profiles.
    expect(db.count).toBe(3);
  });

  it("refuses the rates (null, FORBIDDEN naming health visiting) to a role the policy does not give them, reading nothing", async () => {
    db.reset();
    const result = await client.run(PROFILES, profiles("north"), callerFor("registrar", "registration"));
    expect(result.data!._entities).toEqual([null]);
    expect(result.errors!.map((e) => [e.path?.join("."), e.extensions?.code, e.extensions?.agency])).toEqual([
      ["_entities.0", "FORBIDDEN", "health-visiting"],
    ]);
    expect(db.count).toBe(0);
  });

  it("is null with AGENCY_UNAVAILABLE naming health visiting when the system is down", async () => {
    await withSystemDown(
      (db) =>
        createServer({
          db,
          config: { REFERENCE_DATE: FIXTURE_REFERENCE_DATE, INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET },
          logger: capturingLogger(),
          localities: FIXTURE_LOCALITIES,
        }),
      async (brokenClient) => {
        const result = await brokenClient.run(PROFILES, profiles("north"), HV);
        expect(result.data!._entities).toEqual([null]);
        expect(result.errors!.map((e) => [e.extensions?.code, e.extensions?.agency])).toEqual([
          ["AGENCY_UNAVAILABLE", "health-visiting"],
        ]);
      },
    );
  });
});

describe("who may read them (policy.ts, LOCALITY_LISTS)", () => {
  const WORKLIST_ROLES = [
    "front-door:direct-care",
    "front-door:early-help",
    "centre-worker:direct-care",
    "centre-worker:early-help",
    "health-visitor:direct-care",
    "health-visitor:early-help",
    "midwife:direct-care",
    "safeguarding-lead:early-help",
    "social-worker:early-help",
  ];
  const PERFORMANCE_ROLES = [
    ...WORKLIST_ROLES,
    "front-door:safeguarding",
    "health-visitor:safeguarding",
    "midwife:safeguarding",
    "safeguarding-lead:safeguarding",
    "social-worker:safeguarding",
    "data-steward:direct-care",
  ];
  const pairs = ROLES.flatMap((role) => PURPOSES_OF_ACCESS.filter((p) => mayDeclare(role, p)).map((p) => [role, p]));

  it.each(pairs)("%s stating %s: the list and the figures as the policy says, FORBIDDEN otherwise", async (role, p) => {
    const caller = callerFor(role as never, p as never);
    const list = await client.run(WORKLIST, { locality: "north" }, caller);
    const figures = await client.run(PERFORMANCE, { locality: "north" }, caller);
    const code = (r: typeof list) => r.errors?.map((e) => [e.extensions?.code, e.extensions?.agency]) ?? null;
    const forbidden = [["FORBIDDEN", "health-visiting"]];
    expect(code(list)).toEqual(WORKLIST_ROLES.includes(`${role}:${p}`) ? null : forbidden);
    expect(code(figures)).toEqual(PERFORMANCE_ROLES.includes(`${role}:${p}`) ? null : forbidden);
  });

  it("refuses a caller with no purpose", async () => {
    const none = await client.run(WORKLIST, { locality: "north" }, callerFor("health-visitor", null));
    expect(none.errors!.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });
});
