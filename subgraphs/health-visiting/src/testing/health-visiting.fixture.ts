import { HEALTH_VISITING_SCHEMA } from "@ffd/borough";
import { LocalityDirectory, openPglite, type Db } from "@ffd/shared";

/**
 * Hand-written rows for the health visiting patient system, in its own conventions
 * ('DD/MM/YYYY' text dates, NHS numbers as keyed, legacy codes), so tests can assert exact
 * values. Statuses in the tests are as of FIXTURE_REFERENCE_DATE.
 */
export const FIXTURE_REFERENCE_DATE = "2025-06-15";

export const FIXTURE_SQL = `
INSERT INTO hv_caseload (caseload_id, team_name, named_hv, hv_base) VALUES
  (1, 'North Locality HV Team', 'Grace Okafor', 'Northgate Children''s Centre'),
  (2, 'South Locality HV Team', 'Tom Reilly', NULL);

INSERT INTO hv_patient (pat_id, nhs_no, forename, surname, dob, gender_cd, post_cd, caseload_id, pat_type, edd, reg_dt) VALUES
  -- Amira, now a parent; her antenatal contact for Zara is on her row
  (1001, '943 476 5919', 'Amira', 'Hussain', '12/03/1994', 'F', ' e1  6an', 1, 'P', NULL, '20/02/2025'),
  -- Zara, born 45 days before the reference date
  (1002, '4010232137', 'Zara', 'Hussain', '01/05/2025', 'F', 'E1 6AN', 1, 'C', NULL, '01/05/2025'),
  (1003, NULL, 'Omar', 'Hussain', '05/07/1990', 'M', 'E16AN', 1, 'P', NULL, '01/05/2025'),
  -- Leo, 13 months, no mother on the system
  (1004, '9876543210', ' Leo ', 'Smith', '10/05/2024', 'M', 'n1 9gu', 2, 'C', NULL, '10/05/2024'),
  -- Mia, 2 years 4 months (born on a month end), and her mother Sarah (date of birth keyed without zeros)
  (1005, NULL, 'Mia', 'Jones', '31/01/2023', 'F', 'SE1 7PB', 1, 'C', NULL, '31/01/2023'),
  (1006, '   ', 'Sarah', 'Jones', '7/9/1988', 'F', 'SE1 7PB', 1, 'P', NULL, '01/12/2020'),
  -- Priya and Chloe, expecting
  (1007, '485 777 3456', 'Priya', 'Patel', '22/11/1996', 'F', 'E2 8AA', 2, 'A', '01/08/2025', '01/04/2025'),
  (1008, NULL, 'Chloe', 'Brown', '02/02/2000', 'F', NULL, 2, 'A', '20/09/2025', '01/05/2025'),
  -- a child whose date of birth is not a real date, on no caseload, registered with an ISO-keyed date
  (1009, NULL, NULL, 'Unknown', '31/02/2024', 'U', NULL, NULL, 'C', NULL, '2024-03-01'),
  -- Adam, 4 years 3 months, Sarah's older child
  (1010, NULL, 'Adam', 'Jones', '15/03/2021', 'M', 'SE1 7PB', 1, 'C', NULL, '15/03/2021'),
  -- Leo again: registered a second time when the family moved (family-index links both to him),
  -- his date of birth keyed with a space and no zero
  (1011, '987 654 3210', 'Leo', 'Smith', ' 10/5/2024', 'M', 'SE1 7PB', 1, 'C', NULL, '02/04/2025');

INSERT INTO hv_family_rel (pat_id, rel_pat_id, rel_cd) VALUES
  (1001, 1002, 'MTH'),
  (1003, 1002, 'FTH'),
  (1006, 1005, 'MTH'),
  (1006, 1010, 'MTH'),
  (1007, 1004, 'PAR'),
  (1008, 1009, 'CRR');

INSERT INTO hv_contact (contact_id, pat_id, contact_dt, contact_type_cd, outcome_cd, bf_status_cd, asq3_cd, staff_name) VALUES
  -- Amira: antenatal contact for Zara's pregnancy
  (1, 1001, '20/03/2025', 'ANT', 'ATT', NULL, NULL, 'Grace Okafor'),
  -- Zara
  (2, 1002, '10/05/2025', 'NBV', 'ATT', NULL, NULL, 'Grace Okafor'),
  (3, 1002, '01/06/2025', 'XYZ', 'ATT', NULL, NULL, 'Grace Okafor'),
  (4, 1002, '05/06/2025', 'TEL', '??', NULL, NULL, 'Grace Okafor'),
  (5, 1002, '20/06/2025', '68W', 'ATT', 'T', NULL, 'Grace Okafor'),   -- after the reference date
  -- (contact 6, with an unreadable date, is the bad row the agency contract plants: contract.test.ts)
  -- Leo: new birth visit late (day 20); 6-8 week missed (a DNA, then a contact after the window closed)
  (7, 1004, '30/05/2024', 'NBV', 'ATT', NULL, NULL, 'Tom Reilly'),
  (8, 1004, '25/06/2024', '68W', 'DNA', NULL, NULL, 'Tom Reilly'),
  (9, 1004, '10/08/2024', '68W', 'ATT', 'T', NULL, 'Tom Reilly'),
  -- Sarah: antenatal contacts for Adam (attended) and for Mia (did not attend)
  (10, 1006, '10/02/2021', 'ANT', 'ATT', NULL, NULL, 'Grace Okafor'),
  (11, 1006, '01/12/2022', 'ANT', 'DNA', NULL, NULL, 'Grace Okafor'),
  -- Mia (listed out of date order on purpose)
  (12, 1005, '20/03/2024', '1YR', 'ATT', NULL, NULL, 'Grace Okafor'),
  (13, 1005, '07/02/2023', 'NBV', 'ATT', NULL, NULL, 'Grace Okafor'),
  (14, 1005, '20/03/2023', '68W', 'ATT', 'P', NULL, 'Grace Okafor'),
  (15, 1005, '01/03/2025', '2YR', 'DNA', NULL, NULL, 'Grace Okafor'),
  -- Adam
  (16, 1010, '20/03/2021', 'NBV', 'ATT', NULL, NULL, 'Grace Okafor'),
  (17, 1010, '01/05/2021', '68W', 'ATT', 'N', NULL, 'Grace Okafor'),
  (18, 1010, '20/03/2022', '1YR', 'ATT', NULL, NULL, 'Grace Okafor'),
  (19, 1010, '01/09/2023', '2YR', 'ATT', NULL, 'Y', 'Grace Okafor'),
  -- Priya: did not attend, then attended; Chloe: seen before 28 weeks
  (20, 1007, '01/06/2025', 'ANT', 'DNA', NULL, NULL, 'Tom Reilly'),
  (21, 1007, '12/06/2025', 'ANT', 'ATT', NULL, NULL, 'Tom Reilly'),
  (22, 1008, '10/06/2025', 'ANT', 'ATT', NULL, NULL, 'Tom Reilly'),
  -- Leo's 1 year review, recorded on his second record
  (23, 1011, '01/06/2025', '1YR', 'ATT', NULL, NULL, 'Grace Okafor');
`;

export const FIXTURE_PATIENT_IDS = [
  "1001",
  "1002",
  "1003",
  "1004",
  "1005",
  "1006",
  "1007",
  "1008",
  "1009",
  "1010",
  "1011",
];

/** A fresh embedded database holding the health visiting schema and the fixture rows. */
export async function openFixtureDb(): Promise<Db> {
  const db = await openPglite();
  await db.exec(HEALTH_VISITING_SCHEMA);
  await db.exec(FIXTURE_SQL);
  return db;
}

/**
 * A locality reference for the fixture's postcodes: Zara (E1 6AN) and Leo's first record
 * (N1 9GU) are in North; Mia, Adam and Leo's second record (SE1 7PB) in South; East and West
 * reach no patient of the fixture.
 */
export const FIXTURE_LOCALITIES = new LocalityDirectory({
  borough: "Fixture",
  localities: [
    {
      id: "north",
      name: "North",
      clusters: [{ name: "N", centres: [{ code: "CN", name: "Northgate", sectors: ["E1 6", "N1 9"] }] }],
    },
    {
      id: "south",
      name: "South",
      clusters: [{ name: "S", centres: [{ code: "CS", name: "Southgate", sectors: ["SE1 7", "E2 8"] }] }],
    },
    {
      id: "east",
      name: "East",
      clusters: [{ name: "E", centres: [{ code: "CE", name: "Eastgate", sectors: ["E3 1"] }] }],
    },
    {
      id: "west",
      name: "West",
      clusters: [{ name: "W", centres: [{ code: "CW", name: "Westgate", sectors: ["W1 1"] }] }],
    },
  ],
  deprivation: [],
});
