import { REGISTRATION_SCHEMA } from "@ffd/borough";
import { AgencyRowsInvalid, CountingDb, type Db } from "@ffd/shared";
import { describeEachDatabase, pgliteAndPostgres } from "../../../../tests/support/postgres";
import { FIXTURE_ROWS } from "../testing/fixtures";
import { PostgresRegistrationSource } from "./registration.postgres";

/*
 * RegistrationSource.birthCountsByPostcode (the 0-5 profile's births registered at a centre) on
 * both databases the adapter serves: embedded PGlite always, the real PostgreSQL server when
 * reachable (required in CI), in a database of this test process's own. The fixture entries
 * (src/testing/fixtures.ts) registered in 2024 are Northbrook:101 (NB1 2AB, at a children's
 * centre) and Northbrook:103 (NB3 9XY, the register office); two more planted here at NB1 2AB,
 * written untidily, at the register office, and one with no postcode.
 */

const variants = pgliteAndPostgres("ffd_registration_counts");

const entry = (no: number, on: string, postcode: string | null, atCentre: string) =>
  `('Northbrook', ${no}, '${on}', 'Child', 'Surname', '1', '${on}', 'At home', 'Mother', 'Surname', '1990-01-01',
    ${postcode === null ? "NULL" : `'${postcode}'`}, 'Mother', 'Register Office', '${atCentre}')`;
const PLANT = (rows: string[]) => `
INSERT INTO ron_birth_reg (reg_district, entry_no, date_of_reg, child_forenames, child_surname, child_sex, child_dob,
  place_of_birth, mother_forenames, mother_surname, mother_dob, mother_usual_addr_postcode, informant_qual, reg_venue, reg_at_cc_ind)
VALUES ${rows.join(",\n")};`;

describeEachDatabase(variants)("registration on $name: births counted by postcode and venue", (variant) => {
  let db: Db;
  let counting: CountingDb;
  let source: PostgresRegistrationSource;

  beforeAll(async () => {
    db = await variant.open();
    await db.exec(REGISTRATION_SCHEMA);
    await db.exec(FIXTURE_ROWS);
    await db.exec(
      PLANT([
        entry(201, "2024-03-03", "nb12ab", "N"),
        entry(202, "2024-12-31", " Nb12aB", "n"),
        entry(203, "2024-05-05", null, "Y"),
      ]),
    );
    counting = new CountingDb(db);
    source = new PostgresRegistrationSource(counting);
  });
  afterAll(async () => {
    await db?.close();
    await variant.done();
  });

  it("counts the births registered in the period by normalised postcode and venue, in one query", async () => {
    counting.reset();
    const counts = await source.birthCountsByPostcode("2024-01-01", "2024-12-31");
    const byKey = (c: { postcode: string | null; atCentre: boolean }) => `${c.postcode}|${c.atCentre}`;
    expect([...counts].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual([
      { postcode: "NB1 2AB", atCentre: false, births: 2 },
      { postcode: "NB1 2AB", atCentre: true, births: 1 },
      { postcode: "NB3 9XY", atCentre: false, births: 1 },
      { postcode: null, atCentre: true, births: 1 },
    ]);
    expect(counting.count).toBe(1);
    // The period's ends are inclusive; nothing outside it counts.
    expect(await source.birthCountsByPostcode("2024-12-31", "2024-12-31")).toEqual([
      { postcode: "NB1 2AB", atCentre: false, births: 1 },
    ]);
    expect(await source.birthCountsByPostcode("2026-01-01", "2026-12-31")).toEqual([]);
  });

  it("fails the count on a venue indicator outside the register's code set, naming the column", async () => {
    await db.exec(PLANT([entry(204, "2024-07-07", "NB3 9XY", "Q")]));
    try {
      const err = await source.birthCountsByPostcode("2024-01-01", "2024-12-31").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AgencyRowsInvalid);
      expect((err as AgencyRowsInvalid).columns).toEqual(["reg_at_cc_ind"]);
    } finally {
      await db.exec(`DELETE FROM ron_birth_reg WHERE reg_district = 'Northbrook' AND entry_no = 204`);
    }
  });
});
