import { REGISTRATION_SCHEMA } from "@ffd/borough";
import { openPglite, type Db } from "@ffd/shared";

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
