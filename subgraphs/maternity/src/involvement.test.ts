import { CountingDb, type Db } from "@ffd/shared";
import { PostgresMaternitySource } from "./source/maternity.postgres";
import { openFixtureDb } from "./testing/fixtures";

/** Twelve days after Zara's birth (BAB0000001), while Beth's third pregnancy is ongoing. */
const AS_OF = "2024-08-09";

/** Maternity's involvements (the port method behind the kit's involvement feed), on the fixture system. */
describe("PostgresMaternitySource.involvements", () => {
  let db: Db;
  let counting: CountingDb;
  let source: PostgresMaternitySource;

  beforeAll(async () => {
    db = await openFixtureDb();
    await db.exec(`UPDATE msd101_preg_booking
                      SET lead_midwife = 'Helen Price', cmw_team = 'North Locality Community Midwives', cmw_team_phone = '01384 816001'
                    WHERE preg_id = 'PRG0000001';
                   UPDATE msd101_preg_booking
                      SET lead_midwife = 'Asha Begum', cmw_team = 'Wolverhampton Community Midwives'
                    WHERE preg_id = 'PRG0000003'`);
    counting = new CountingDb(db);
    source = new PostgresMaternitySource(counting);
  });
  afterAll(() => db.close());
  beforeEach(() => counting.reset());

  const helen = {
    name: "Helen Price",
    role: "Community midwife",
    team: "North Locality Community Midwives",
    phone: "01384 816001",
  };

  it("gives mothers and babies the booking's named midwife, in key order, in two queries", async () => {
    const involvements = await source.involvements(
      ["MAT0000001", "BAB0000001", "MAT0000002", "MAT0000003", "BAB0000002", "MAT0000004", "MAT9999999"],
      AS_OF,
    );
    expect(involvements).toEqual([
      // Amira: in postnatal care twelve days after Zara's birth.
      {
        localId: "MAT0000001",
        status: "CURRENT",
        leadPractitioner: helen,
        since: "2024-01-10",
        lastContactOn: "2024-07-28",
      },
      {
        localId: "BAB0000001",
        status: "CURRENT",
        leadPractitioner: helen,
        since: "2024-07-28",
        lastContactOn: "2024-07-28",
      },
      {
        // Beth: pregnant again (the latest booking leads); her twins were born in 2022.
        localId: "MAT0000002",
        status: "CURRENT",
        leadPractitioner: {
          name: "Asha Begum",
          role: "Community midwife",
          team: "Wolverhampton Community Midwives",
          phone: null,
        },
        since: "2024-06-01",
        lastContactOn: "2024-06-01",
      },
      // Chloe: a loss and a stillbirth in 2023, no midwife on record.
      {
        localId: "MAT0000003",
        status: "HISTORIC",
        leadPractitioner: null,
        since: "2023-06-12",
        lastContactOn: "2023-12-05",
      },
      {
        localId: "BAB0000002",
        status: "HISTORIC",
        leadPractitioner: null,
        since: "2022-08-01",
        lastContactOn: "2022-08-01",
      },
      // Dana has no booking: maternity holds no involvement of hers.
      null,
      null,
    ]);
    expect(counting.count).toBe(2);
  });

  it("reads nothing of what comes after the date asked about", async () => {
    const [amira] = await source.involvements(["MAT0000001"], "2024-03-01");
    expect(amira).toEqual({
      localId: "MAT0000001",
      status: "CURRENT",
      leadPractitioner: helen,
      since: "2024-01-10",
      lastContactOn: "2024-01-10",
    });
    const [zara] = await source.involvements(["BAB0000001"], "2025-01-01");
    expect(zara?.status).toBe("HISTORIC");
  });
});
