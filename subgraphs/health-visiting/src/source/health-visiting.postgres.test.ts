import type { Db } from "@ffd/shared";
import { openFixtureDb } from "../testing/health-visiting.fixture";
import { PostgresHealthVisitingSource } from "./health-visiting.postgres";

/*
 * childrenInSectors over the hand-written rows: the sector and the spans of births are compared in
 * SQL (on the expressions the agency's indexes hold), so these check that the SQL reads a date of
 * birth as the code does. South's sector SE1 7 holds Mia (31/01/2023), Adam (15/03/2021) and Leo's
 * second record (' 10/5/2024': a space, no zero).
 */

let db: Db;
let source: PostgresHealthVisitingSource;
beforeAll(async () => {
  db = await openFixtureDb();
  source = new PostgresHealthVisitingSource(db);
});
afterAll(() => db?.close());

const idsOf = async (sectors: string[], bornIn: { from: string; to: string }[]) =>
  (await source.childrenInSectors(sectors, bornIn)).map((c) => [c.localId, c.dateOfBirth]);

describe("childrenInSectors", () => {
  it("reads a date of birth keyed with a space and without zeros as that day, and not the next", async () => {
    expect(await idsOf(["SE1 7"], [{ from: "2024-05-10", to: "2024-05-10" }])).toEqual([["1011", "2024-05-10"]]);
    expect(await idsOf(["SE1 7"], [{ from: "2024-05-11", to: "2024-06-10" }])).toEqual([]);
    expect(await idsOf(["SE1 7"], [{ from: "2024-04-10", to: "2024-05-09" }])).toEqual([]);
  });

  it("reads a date of birth keyed around a non-breaking space or a byte-order mark as the code reads it", async () => {
    // JavaScript's trim removes both; a regular expression's \s in PostgreSQL may match neither.
    await db.query(
      `INSERT INTO hv_patient (pat_id, surname, dob, gender_cd, post_cd, pat_type, reg_dt) VALUES
        (2001, 'Nbsp', $1, 'F', 'SE1 7PB', 'C', '01/06/2024'),
        (2002, 'Bom', $2, 'M', 'SE1 7PB', 'C', '01/06/2024')`,
      ["\u00a01/6/2024\u00a0", "\ufeff2/6/2024"],
    );
    try {
      expect(await idsOf(["SE1 7"], [{ from: "2024-06-01", to: "2024-06-02" }])).toEqual([
        ["2001", "2024-06-01"],
        ["2002", "2024-06-02"],
      ]);
    } finally {
      await db.query(`DELETE FROM hv_patient WHERE pat_id IN (2001, 2002)`);
    }
  });

  it("reads the children born in any of the spans, of the sectors asked only, in pat_id order", async () => {
    const spans = [
      { from: "2021-03-15", to: "2021-03-15" },
      { from: "2024-05-01", to: "2024-05-31" },
    ];
    expect(await idsOf(["SE1 7"], spans)).toEqual([
      ["1010", "2021-03-15"],
      ["1011", "2024-05-10"],
    ]);
    // North's sectors: Leo's first record (N1 9GU, born the same day); Zara (E1 6AN) is born later.
    expect(await idsOf(["E1 6", "N1 9"], spans)).toEqual([["1004", "2024-05-10"]]);
  });

  it("reads nothing for no sector or no span", async () => {
    expect(await idsOf([], [{ from: "2000-01-01", to: "2030-01-01" }])).toEqual([]);
    expect(await idsOf(["SE1 7"], [])).toEqual([]);
  });
});
