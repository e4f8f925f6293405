import { REGISTRATION_SCHEMA } from "@ffd/borough";
import { LocalityDirectory, openPglite, type Db, type IsoDate } from "@ffd/shared";

/**
 * Hand-written register entries for tests, so that every assertion is exact:
 *
 * - Northbrook:101  Lily Rose Okafor, girl, born 2024-01-01, registered 2024-02-12 (day 42) at
 *   a children's centre; mother Grace Okafor (maiden Adeyemi); father Daniel Okafor.
 * - Northbrook:102  Tom Okafor, boy, born 2025-03-01, registered 2025-04-13 (day 43, late) at the
 *   Register Office; mother Grace Okafor again; no second parent; no NHS number.
 * - Northbrook:103  Ava Smith-Jones, girl, born 2024-06-10, registered 2024-06-20; mother Emma
 *   Smith; second female parent Chloe Jones (no date of birth); NHS number blank.
 * - Southmere:7     Sam Patel, sex not stated ('0'), born 2023-11-30, registered 2023-12-05;
 *   mother Priya Patel; father (code written 'f') Arjun Patel; postcode written untidily.
 */
export const FIXTURE_ROWS = `
INSERT INTO ron_birth_reg (reg_district, entry_no, date_of_reg, child_forenames, child_surname, child_sex, child_dob, child_tob,
  place_of_birth, child_nhs_no, mother_forenames, mother_surname, mother_maiden_surname, mother_dob, mother_birthplace,
  mother_usual_addr_postcode, parent2_type, parent2_forenames, parent2_surname, parent2_dob, informant_qual, reg_venue, reg_at_cc_ind)
VALUES
 ('Northbrook', 101, '2024-02-12', 'Lily Rose', 'Okafor', '2', '2024-01-01', '04:12', 'Northbrook General Hospital', '9434765919',
  'Grace', 'Okafor', 'Adeyemi', '1990-05-05', 'Lagos', 'nb1 2ab', 'F', 'Daniel', 'Okafor', '1988-07-07',
  'Mother and father', 'Northbrook Children''s Centre', 'Y'),
 ('Northbrook', 102, '2025-04-13', 'Tom', 'Okafor', '1', '2025-03-01', NULL, 'Northbrook General Hospital', NULL,
  'Grace', 'Okafor', 'Adeyemi', '1990-05-05', 'Lagos', 'NB12AB', NULL, NULL, NULL, NULL,
  'Mother', 'Register Office', 'N'),
 ('Northbrook', 103, '2024-06-20', 'Ava', 'Smith-Jones', '2', '2024-06-10', NULL, 'At home', '',
  'Emma', 'Smith', NULL, '1992-02-29', NULL, 'NB3 9XY', 'P', 'Chloe', 'Jones', NULL,
  'Both parents', 'Register Office', 'N'),
 ('Southmere', 7, '2023-12-05', 'Sam', 'Patel', '0', '2023-11-30', NULL, 'Southmere Birth Centre', '4010232137',
  'Priya', 'Patel', NULL, '1985-09-15', NULL, 'sm4  7qq', 'f', 'Arjun', 'Patel', '1984-01-20',
  'Father', 'Southmere Family Hub', 'y');
`;

/** An embedded registration database holding the fixture entries. */
export async function openFixtureDb(): Promise<Db> {
  const db = await openPglite();
  await db.exec(REGISTRATION_SCHEMA);
  await db.exec(FIXTURE_ROWS);
  return db;
}

/** Every person on the fixture entries, in feed order. */
export const FIXTURE_LOCAL_IDS = [
  "Northbrook:101:child",
  "Northbrook:101:mother",
  "Northbrook:101:parent2",
  "Northbrook:102:child",
  "Northbrook:102:mother",
  "Northbrook:103:child",
  "Northbrook:103:mother",
  "Northbrook:103:parent2",
  "Southmere:7:child",
  "Southmere:7:mother",
  "Southmere:7:parent2",
];

/**
 * The 0-5 profile's reference date for the fixture: its 12 months run from 2024-02-12 (the day
 * Northbrook:101 was registered) to 2025-02-11, so Northbrook:102 (after) and Southmere:7 (before)
 * fall outside.
 */
export const FIXTURE_REFERENCE_DATE: IsoDate = "2025-02-11";

/** A locality reference of the fixture's postcodes: NB1 2AB and NB3 9XY in North, SM4 7QQ in South; East holds no one. */
export const FIXTURE_LOCALITIES = new LocalityDirectory({
  borough: "Fixture",
  localities: [
    {
      id: "north",
      name: "North",
      clusters: [{ name: "N", centres: [{ code: "CN", name: "Northbrook", sectors: ["NB1 2", "NB3 9"] }] }],
    },
    {
      id: "south",
      name: "South",
      clusters: [{ name: "S", centres: [{ code: "CS", name: "Southmere", sectors: ["SM4 7"] }] }],
    },
    {
      id: "east",
      name: "East",
      clusters: [{ name: "E", centres: [{ code: "CE", name: "Eastgate", sectors: ["EA1 1"] }] }],
    },
  ],
  deprivation: [],
});
