import { CountingDb, type Db } from "@ffd/shared";
import { PostgresChildrensCentresSource } from "./source/childrens-centres.postgres";
import { FIXTURE_REFERENCE_DATE, openFixtureDb } from "./testing/fixtures";

/** The centres' involvements (the port method behind the kit's involvement feed), on the fixture system. */
describe("PostgresChildrensCentresSource.involvements", () => {
  let db: Db;
  let counting: CountingDb;
  let source: PostgresChildrensCentresSource;

  beforeAll(async () => {
    db = await openFixtureDb();
    // Riverside's reception line and the Husains' key worker; the Okafors' household has none recorded.
    await db.exec(`UPDATE cc_centre SET centre_phone = '01384 815001' WHERE centre_code = 'CC01';
                   UPDATE cc_household SET key_worker = 'Priya Mistry' WHERE hh_ref = 'HH000001';
                   UPDATE cc_household SET key_worker = 'Dan Cole' WHERE hh_ref = 'HH000002'`);
    counting = new CountingDb(db);
    source = new PostgresChildrensCentresSource(counting);
  });
  afterAll(() => db.close());
  beforeEach(() => counting.reset());

  it("gives each member's key worker at the centre, the date registered and the last session attended, in one query", async () => {
    const involvements = await source.involvements(
      ["M0000001", "M9999999", "M0000005", "M0000007"],
      FIXTURE_REFERENCE_DATE,
    );
    expect(involvements).toEqual([
      {
        // Amirah: at a session on the reference date (the one a week later does not count yet).
        localId: "M0000001",
        status: "CURRENT",
        leadPractitioner: {
          name: "Priya Mistry",
          role: "Key worker",
          team: "Riverside Children's Centre",
          phone: "01384 815001",
        },
        since: "2024-11-02",
        lastContactOn: "2025-06-30",
      },
      null,
      {
        // Jo: no session yet by the reference date, but registered this year.
        localId: "M0000005",
        status: "CURRENT",
        leadPractitioner: { name: "Dan Cole", role: "Key worker", team: "Hillside Family Hub", phone: null },
        since: "2025-01-15",
        lastContactOn: null,
      },
      {
        // Grace: registered in 2023, never at a session: historic, and no key worker on record.
        localId: "M0000007",
        status: "HISTORIC",
        leadPractitioner: null,
        since: "2023-06-01",
        lastContactOn: null,
      },
    ]);
    expect(counting.count).toBe(1);
  });

  it("reads any number of members in that one query", async () => {
    const refs = ["M0000001", "M0000002", "M0000003", "M0000004", "M0000005", "M0000006", "M0000007"];
    const involvements = await source.involvements(refs, FIXTURE_REFERENCE_DATE);
    expect(involvements.map((i) => i?.localId)).toEqual(refs);
    expect(involvements[1]).toMatchObject({ status: "CURRENT", lastContactOn: "2025-06-23" });
    expect(counting.count).toBe(1);
  });
});
