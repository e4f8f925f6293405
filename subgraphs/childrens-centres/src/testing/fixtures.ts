import { CHILDRENS_CENTRES_SCHEMA } from "@ffd/borough";
import { openPglite, type Db } from "@ffd/shared";

/**
 * A small, hand-written children's centres case system for tests, so that assertions are
 * exact. The reference date is 2025-06-30: session 5 (2025-07-07) is after it and never counts.
 * The rows carry the quirks the adapter must translate: midnight timestamps, postcodes with odd
 * spacing and case, 'Y'/'N' consent, lower-case or missing gender, NHS numbers blank or
 * 'N/K', padded names.
 */
export const FIXTURE_REFERENCE_DATE = "2025-06-30";

export const FIXTURE_ROWS = `
INSERT INTO cc_centre (centre_code, centre_name, cluster_name, locality_name, postcode, in_most_deprived_30pct) VALUES
  ('CC01', 'Riverside Children''s Centre', 'North Cluster', 'Northfield', 'e16ab', TRUE),
  ('CC02', 'Hillside Family Hub', 'South Cluster', 'Southgate', 'SE5 9XY', FALSE),
  ('CC03', 'Parkview Children''s Centre', 'North Cluster', 'Northfield', 'E2  8CD', TRUE);

INSERT INTO cc_household (hh_ref, centre_code, addr_line_1, addr_town, postcode, date_registered, consent_share) VALUES
  ('HH000001', 'CC01', '12 Mill Lane', 'Northfield', ' e1  6an ', '2024-11-02 00:00:00', 'Y'),
  ('HH000002', 'CC02', NULL, NULL, NULL, '2025-01-15 00:00:00', 'N'),
  ('HH000003', 'CC01', 'Flat 3, 4 High Street', 'Northfield', 'E16AP', '2023-06-01 00:00:00', 'Y');

INSERT INTO cc_member (member_ref, hh_ref, first_name, last_name, date_of_birth, gender, member_role, relationship, nhs_num) VALUES
  ('M0000001', 'HH000001', 'Amirah', 'Husain', '1994-03-12 00:00:00', 'Female', 'CARER', 'Self', NULL),
  ('M0000002', 'HH000001', 'Zara', 'Hussain', '2025-05-16 00:00:00', 'Female', 'CHILD', 'Daughter', NULL),
  ('M0000003', 'HH000001', 'Omar', 'Husain', '1990-01-20 00:00:00', 'Male', 'CARER', 'Partner', '9434765919'),
  ('M0000004', 'HH000001', 'Yusuf', 'Husain', '2022-09-09 00:00:00', 'male', 'CHILD', 'Son', NULL),
  ('M0000005', 'HH000002', ' Jo ', 'Bloggs', NULL, 'Unknown', 'CARER', NULL, ''),
  ('M0000006', 'HH000002', 'Baby', 'Bloggs', '2025-06-01 00:00:00', NULL, 'CHILD', 'Son', NULL),
  ('M0000007', 'HH000003', 'Grace', 'Okafor', '1988-12-05 00:00:00', 'Female', 'CARER', 'Self', 'N/K');

INSERT INTO cc_session (session_id, centre_code, session_date, activity) VALUES
  (1, 'CC01', '2025-06-02', 'Stay and Play'),
  (2, 'CC01', '2025-06-09', 'Baby Massage'),
  (3, 'CC02', '2025-06-16', 'Breastfeeding Support'),
  (4, 'CC01', '2025-06-30', 'Stay and Play'),
  (5, 'CC01', '2025-07-07', 'Stay and Play'),
  (6, 'CC01', '2025-06-23', 'Baby Massage');

INSERT INTO cc_attendance (session_id, member_ref) VALUES
  (1, 'M0000001'), (2, 'M0000001'), (3, 'M0000001'), (4, 'M0000001'), (5, 'M0000001'),
  (2, 'M0000002'), (6, 'M0000002'),
  (5, 'M0000005'),
  (3, 'M0000006');
`;

/** An embedded database holding the agency schema and the fixture rows. */
export async function openFixtureDb(): Promise<Db> {
  const db = await openPglite();
  await db.exec(CHILDRENS_CENTRES_SCHEMA);
  await db.exec(FIXTURE_ROWS);
  return db;
}
