import { CountingDb, type Db } from "@ffd/shared";
import { PostgresChildrensSocialCareSource } from "./source/childrens-social-care.postgres";
import { FIXTURE_TODAY, openFixtureDb } from "./testing/fixtures";

/** Children's social care's involvements (the port method behind the kit's involvement feed), on the fixture system. */
describe("PostgresChildrensSocialCareSource.involvements", () => {
  let db: Db;
  let counting: CountingDb;
  let source: PostgresChildrensSocialCareSource;

  beforeAll(async () => {
    db = await openFixtureDb();
    counting = new CountingDb(db);
    source = new PostgresChildrensSocialCareSource(counting);
  });
  afterAll(() => db.close());
  beforeEach(() => counting.reset());

  it("gives the allocated social worker, the open episodes' start and the last contact, in one query per table", async () => {
    const involvements = await source.involvements(["C1000002", "C9999999", "C1000003", "C1000004"], FIXTURE_TODAY);
    expect(involvements).toEqual([
      {
        // Daniel: a plan opened ten days ago (his earlier plan's reviews are older contacts).
        localId: "C1000002",
        status: "CURRENT",
        leadPractitioner: {
          name: "Ngozi Mensah",
          role: "Social worker",
          team: "Northbrook Safeguarding and Support Team",
          phone: "01384 555101",
        },
        since: "2026-06-20",
        lastContactOn: "2026-06-20",
      },
      null,
      // Sam: in need, then looked after, both ended; no worker allocated now.
      {
        localId: "C1000003",
        status: "HISTORIC",
        leadPractitioner: null,
        since: "2024-01-01",
        lastContactOn: "2025-09-01",
      },
      // Ava: a client with no episode.
      { localId: "C1000004", status: "HISTORIC", leadPractitioner: null, since: null, lastContactOn: null },
    ]);
    // Clients with their worker, episodes, review conferences.
    expect(counting.count).toBe(3);
  });

  it("shows the involvement as it stood on an earlier day", async () => {
    const [daniel] = await source.involvements(["C1000002"], "2025-12-01");
    expect(daniel).toMatchObject({ status: "CURRENT", since: "2025-06-01", lastContactOn: "2025-11-30" });
  });
});
