import { MATERNITY_SCHEMA } from "@ffd/borough";
import { openPglite, type Db } from "@ffd/shared";

/**
 * A small maternity system written by hand, so tests can assert exact answers.
 *
 *   MAT0000001 Amira Hussain (RNA)  PRG0000001 live birth   -> BAB0000001 Zara, born 23:30 BST
 *   MAT0000002 Beth Jones   (RL4)   PRG0000002 live birth   -> BAB0000002, BAB0000003 (twins, 00:30 and 00:41 BST)
 *                                   PRG0000003 ongoing
 *   MAT0000003 Chloe Smith  (RNA)   PRG0000004 loss
 *                                   PRG0000005 stillbirth   -> BAB0000004 born 14:20 GMT
 *   MAT0000004 Dana Ali     (RNA)   no pregnancies
 */
export const FIXTURE_ROWS = `
INSERT INTO msd000_org (org_code, org_name) VALUES
  ('RNA', 'The Dudley Group NHS Foundation Trust'),
  ('RL4', 'The Royal Wolverhampton NHS Trust');

INSERT INTO msd001_mother_demog (local_patient_id, org_code, nhs_number, nhs_number_status, person_birth_date, forename, surname, postcode_usual_address, ethnic_category) VALUES
  ('MAT0000001', 'RNA', '9434765919', '01', '1994-03-12', 'Amira', 'Hussain', 'dy1 4qt', 'H'),
  ('MAT0000002', 'RL4', NULL,         '07', '1990-07-01', 'Beth', 'Jones', 'WV11AA', 'A'),
  ('MAT0000003', 'RNA', '4010232137', '02', '1988-11-30', 'Chloe', 'Smith-Patel', 'DY2 8PS', NULL),
  ('MAT0000004', 'RNA', '943476591 ', '03', '2001-01-05', 'Dana', 'Ali', NULL, 'Z');

INSERT INTO msd101_preg_booking (preg_id, local_patient_id, antenatal_app_date, gest_age_booking, edd_agreed, complex_social_factors_ind, preg_outcome_cd) VALUES
  ('PRG0000001', 'MAT0000001', '2024-01-10', 70, '2024-08-01', 'Y', '01'),
  ('PRG0000003', 'MAT0000002', '2024-06-01', 60, '2025-01-05', 'X', NULL),
  ('PRG0000002', 'MAT0000002', '2022-02-01', 85, '2022-08-20', 'N', '01'),
  ('PRG0000004', 'MAT0000003', '2023-01-09', 58, '2023-08-01', 'N', '03'),
  ('PRG0000005', 'MAT0000003', '2023-06-12', 61, '2024-01-01', 'Y', '02');

INSERT INTO msd401_baby_demog (baby_local_id, preg_id, local_patient_id_mother, nhs_number_baby, baby_forename, baby_surname, person_birth_date_baby, person_birth_time_baby, person_phenotypic_sex, gestation_length_birth, birth_weight, delivery_method_cd, baby_first_feed_cd, birth_notif_dttm) VALUES
  ('BAB0000001', 'PRG0000001', 'MAT0000001', '4505577104', 'Zara', 'Hussain', '2024-07-28', '23:30:00', '2', 275, 3300, '0', '01', '2024-07-29 09:15:00'),
  ('BAB0000003', 'PRG0000002', 'MAT0000002', NULL,         NULL,   'Jones',   '2022-08-01', '00:41:00', '9', 252, 2100, '8', '02', '2022-08-01 10:00:00'),
  ('BAB0000002', 'PRG0000002', 'MAT0000002', '4857773457', NULL,   'Jones',   '2022-08-01', '00:30:00', '1', 252, NULL, '8', '03', '2022-08-01 10:00:00'),
  ('BAB0000004', 'PRG0000005', 'MAT0000003', NULL,         NULL,   'Smith-Patel', '2023-12-05', '14:20:00', '1', 168, 650, '5', NULL, '2023-12-05 18:00:00');
`;

/** An in-memory maternity system holding the fixture rows. */
export async function openFixtureDb(): Promise<Db> {
  const db = await openPglite();
  await db.exec(MATERNITY_SCHEMA);
  await db.exec(FIXTURE_ROWS);
  return db;
}
