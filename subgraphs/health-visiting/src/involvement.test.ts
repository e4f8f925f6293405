import { CountingDb, type Db } from "@ffd/shared";
import { PostgresHealthVisitingSource } from "./source/health-visiting.postgres";
import { FIXTURE_PATIENT_IDS, FIXTURE_REFERENCE_DATE, openFixtureDb } from "./testing/health-visiting.fixture";

/** Health visiting's involvements (the port method behind the kit's involvement feed), on the fixture system. */
describe("PostgresHealthVisitingSource.involvements", () => {
  let db: Db;
  let counting: CountingDb;
  let source: PostgresHealthVisitingSource;

  beforeAll(async () => {
    db = await openFixtureDb();
    // The North team's duty line; the South team's is not recorded.
    await db.exec(`UPDATE hv_caseload SET team_phone = '01384 814001' WHERE caseload_id = 1`);
    counting = new CountingDb(db);
    source = new PostgresHealthVisitingSource(counting);
  });
  afterAll(() => db.close());
  beforeEach(() => counting.reset());

  it("gives each patient's named health visitor, since and last attended contact, in key order, in two queries", async () => {
    const involvements = await source.involvements(["1002", "9999", "1006", "1007"], FIXTURE_REFERENCE_DATE);
    expect(involvements).toEqual([
      {
        // Zara: a child under five on a caseload; her 6-8 week review on 20/06 is after the reference date.
        localId: "1002",
        status: "CURRENT",
        leadPractitioner: {
          name: "Grace Okafor",
          role: "Health visitor",
          team: "North Locality HV Team",
          phone: "01384 814001",
        },
        since: "2025-05-01",
        lastContactOn: "2025-06-01",
      },
      null,
      {
        // Sarah: a parent last seen in 2021 (her 2022 contact was missed): historic, though still on the caseload.
        localId: "1006",
        status: "HISTORIC",
        leadPractitioner: {
          name: "Grace Okafor",
          role: "Health visitor",
          team: "North Locality HV Team",
          phone: "01384 814001",
        },
        since: "2020-12-01",
        lastContactOn: "2021-02-10",
      },
      {
        // Priya: expecting, seen on 12/06 (the 01/06 contact she did not attend is no contact).
        localId: "1007",
        status: "CURRENT",
        leadPractitioner: { name: "Tom Reilly", role: "Health visitor", team: "South Locality HV Team", phone: null },
        since: "2025-04-01",
        lastContactOn: "2025-06-12",
      },
    ]);
    expect(counting.count).toBe(2);
  });

  it("reads every patient of the system in the same two queries", async () => {
    const involvements = await source.involvements(FIXTURE_PATIENT_IDS, FIXTURE_REFERENCE_DATE);
    expect(involvements.map((i) => i?.localId)).toEqual(FIXTURE_PATIENT_IDS);
    expect(counting.count).toBe(2);
  });

  it("names no practitioner for a patient on no caseload, and reads nothing for no ids it could hold", async () => {
    const [orphan] = await source.involvements(["1009"], FIXTURE_REFERENCE_DATE);
    expect(orphan).toMatchObject({ localId: "1009", status: "HISTORIC", leadPractitioner: null, lastContactOn: null });
    counting.reset();
    expect(await source.involvements(["not-a-patient"], FIXTURE_REFERENCE_DATE)).toEqual([null]);
    expect(counting.count).toBe(0);
  });
});
