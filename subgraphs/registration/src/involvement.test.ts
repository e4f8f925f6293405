import { CountingDb, type Db } from "@ffd/shared";
import { PostgresRegistrationSource } from "./source/registration.postgres";
import { FIXTURE_LOCAL_IDS, openFixtureDb } from "./testing/fixtures";

/** The register's involvements (the port method behind the kit's involvement feed), on the fixture system. */
describe("PostgresRegistrationSource.involvements", () => {
  let db: Db;
  let counting: CountingDb;
  let source: PostgresRegistrationSource;

  beforeAll(async () => {
    db = await openFixtureDb();
    await db.exec(
      `UPDATE ron_birth_reg SET registrar_name = 'Jean Whitehouse' WHERE reg_district = 'Northbrook' AND entry_no = 101`,
    );
    counting = new CountingDb(db);
    source = new PostgresRegistrationSource(counting);
  });
  afterAll(() => db.close());
  beforeEach(() => counting.reset());

  it("gives everyone on an entry the registrar who signed it and the date registered, always historic, in one query", async () => {
    const involvements = await source.involvements(
      [
        "Northbrook:101:child",
        "Northbrook:101:parent2",
        "Northbrook:102:parent2",
        "Northbrook:102:mother",
        "Nowhere:1:child",
        "not an id",
      ],
      "2025-06-01",
    );
    const jean = { name: "Jean Whitehouse", role: "Registrar", team: "Northbrook register office", phone: null };
    expect(involvements).toEqual([
      {
        localId: "Northbrook:101:child",
        status: "HISTORIC",
        leadPractitioner: jean,
        since: "2024-02-12",
        lastContactOn: "2024-02-12",
      },
      {
        localId: "Northbrook:101:parent2",
        status: "HISTORIC",
        leadPractitioner: jean,
        since: "2024-02-12",
        lastContactOn: "2024-02-12",
      },
      // Tom's entry registered no second parent: nobody holds that id.
      null,
      // Grace's second entry names no registrar.
      {
        localId: "Northbrook:102:mother",
        status: "HISTORIC",
        leadPractitioner: null,
        since: "2025-04-13",
        lastContactOn: "2025-04-13",
      },
      null,
      null,
    ]);
    expect(counting.count).toBe(1);
  });

  it("reads every person of the register in that one query", async () => {
    const involvements = await source.involvements(FIXTURE_LOCAL_IDS, "2025-06-01");
    expect(involvements.map((i) => i?.localId)).toEqual(FIXTURE_LOCAL_IDS);
    expect(counting.count).toBe(1);
  });
});
