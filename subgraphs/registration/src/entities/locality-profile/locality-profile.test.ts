import { callerFor, CountingDb, normalisePostcode, yearStartingBefore } from "@ffd/shared";
import { capturingLogger, inProcess } from "../../../../../tests/support/agency";
import { withSystemDown } from "../../../../../tests/support/agency-contract";
import { TEST_SECRETS } from "../../../../../tests/support/secrets";
import { createServer } from "../../server";
import { FIXTURE_LOCALITIES, FIXTURE_REFERENCE_DATE, openFixtureDb } from "../../testing/fixtures";

/*
 * LocalityProfile.birthsRegisteredAtCentre over the fixture entries, with two more planted here:
 * a Southmere birth registered at a family hub on the period's last day (its postcode written
 * untidily) and one with no postcode. The expected counts are made from the register's rows by
 * the test itself: its own reading of the period, the postcodes and the venue indicator.
 */

const PROFILES = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on LocalityProfile { id birthsRegisteredAtCentre { registered atCentre rate } }
  }
}`;
const profiles = (...ids: unknown[]) => ({ reps: ids.map((id) => ({ __typename: "LocalityProfile", id })) });

const PLANTED = `
INSERT INTO ron_birth_reg (reg_district, entry_no, date_of_reg, child_forenames, child_surname, child_sex, child_dob,
  place_of_birth, mother_forenames, mother_surname, mother_dob, mother_usual_addr_postcode, informant_qual, reg_venue, reg_at_cc_ind)
VALUES
 ('Southmere', 8, '${FIXTURE_REFERENCE_DATE}', 'Kai', 'Brown', '1', '2025-01-20', 'Southmere Birth Centre',
  'Ruth', 'Brown', '1991-03-03', ' sm47qq', 'Mother', 'Southmere Family Hub', 'Y'),
 ('Southmere', 9, '2024-09-09', 'Noor', 'Ali', '2', '2024-09-01', 'Southmere Birth Centre',
  'Sara', 'Ali', '1993-04-04', NULL, 'Mother', 'Southmere Family Hub', 'Y');
`;

const HV = callerFor("health-visitor", "direct-care");

let db: CountingDb;
let client: Awaited<ReturnType<typeof inProcess>>;

/** The births of each locality in the profile's period, counted from the register's rows here. */
async function expectedFigures(): Promise<Map<string, { registered: number; atCentre: number; rate: number | null }>> {
  const rows = await db.query<{ date_of_reg: string; postcode: string | null; cc: string }>(
    "SELECT to_char(date_of_reg, 'YYYY-MM-DD') AS date_of_reg, mother_usual_addr_postcode AS postcode, reg_at_cc_ind AS cc FROM ron_birth_reg",
  );
  const from = yearStartingBefore(FIXTURE_REFERENCE_DATE);
  const figures = new Map(FIXTURE_LOCALITIES.localities().map((l) => [l.id, { registered: 0, atCentre: 0 }]));
  for (const row of rows) {
    if (row.date_of_reg < from || row.date_of_reg > FIXTURE_REFERENCE_DATE) continue;
    const postcode = normalisePostcode(row.postcode);
    const locality = postcode ? FIXTURE_LOCALITIES.reachAreaOf(postcode)?.locality.id : undefined;
    const figure = locality ? figures.get(locality) : undefined;
    if (!figure) continue;
    figure.registered += 1;
    if (row.cc.trim().toUpperCase() === "Y") figure.atCentre += 1;
  }
  return new Map(
    [...figures].map(([id, f]) => [id, { ...f, rate: f.registered === 0 ? null : f.atCentre / f.registered }]),
  );
}

beforeAll(async () => {
  const fixture = await openFixtureDb();
  await fixture.exec(PLANTED);
  db = new CountingDb(fixture);
  const server = await createServer({
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

describe("LocalityProfile.birthsRegisteredAtCentre (the 0-5 profile's births registered at a centre)", () => {
  it("counts each locality's births registered in the 12 months and those at a centre, in one query for all of them", async () => {
    const expected = await expectedFigures();
    // The fixture gives each figure something to count: North a centre and an office, South a hub only.
    expect(expected.get("north")!.registered).toBeGreaterThan(expected.get("north")!.atCentre);
    expect(expected.get("north")!.atCentre).toBeGreaterThan(0);
    expect(expected.get("south")!.atCentre).toBeGreaterThan(0);
    db.reset();
    const result = await client.run(PROFILES, profiles("north", "south", "east", "atlantis"), HV);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { id: "north", birthsRegisteredAtCentre: expected.get("north") },
      { id: "south", birthsRegisteredAtCentre: expected.get("south") },
      { id: "east", birthsRegisteredAtCentre: { registered: 0, atCentre: 0, rate: null } },
      null,
    ]);
    expect(db.count).toBe(1);
  });

  it("is null, with no error and nothing read, for a key no locality has", async () => {
    db.reset();
    const result = await client.run(PROFILES, profiles("atlantis", 42, null), HV);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([null, null, null]);
    expect(db.count).toBe(0);
  });

  it.each([
    ["registrar", "registration"],
    ["ig-auditor", "audit"],
    ["health-visitor", null],
  ] as const)("refuses %s stating %s (null, FORBIDDEN naming registration), reading nothing", async (role, p) => {
    db.reset();
    const result = await client.run(PROFILES, profiles("north"), callerFor(role as never, p as never));
    expect(result.data!._entities).toEqual([null]);
    expect(result.errors!.map((e) => [e.path?.join("."), e.extensions?.code, e.extensions?.agency])).toEqual([
      ["_entities.0", "FORBIDDEN", "registration"],
    ]);
    expect(db.count).toBe(0);
  });

  it("is null with AGENCY_UNAVAILABLE naming registration when the system is down", async () => {
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
          ["AGENCY_UNAVAILABLE", "registration"],
        ]);
      },
    );
  });
});
