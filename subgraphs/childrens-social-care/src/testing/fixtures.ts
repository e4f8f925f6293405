import { CHILDRENS_SOCIAL_CARE_SCHEMA } from "@ffd/borough";
import { openPglite, type Db } from "@ffd/shared";

/** The day the fixture is read on: flags ended before 2025-06-30 are no longer shown. */
export const FIXTURE_TODAY = "2026-06-30";

/**
 * Hand-written case management rows for tests, so that every assertion is exact (today is
 * FIXTURE_TODAY):
 *
 * - C1000001 Grace Okafor, pregnant: an unborn child protection plan (neglect) from 2026-06-20.
 * - C1000002 Daniel Okafor: a child protection plan (neglect) from 2026-06-20, and an earlier
 *   plan (emotional abuse) 2025-06-01 to 2025-12-15 with two reviews. Both allocated to Ngozi Mensah.
 * - C1000003 Sam Patel: in need (family dysfunction) 2024-01-01 to 2025-03-01, more than 12
 *   months ago (not shown), then looked after (full care order) 2025-04-01 to 2025-09-01 (shown,
 *   not active); no worker allocated, NHS number not held, gender unknown.
 * - C1000004 Ava Jones: a client with no episodes.
 */
export const FIXTURE_ROWS = `
INSERT INTO csc_worker (wkr_id, wkr_name, wkr_team, wkr_phone) VALUES
 (501, 'Ngozi Mensah', 'Northbrook Safeguarding and Support Team', '01384 555101');
INSERT INTO csc_client (client_no, forename, surname, birth_dt, gender_cd, nhs_no, postcode, alloc_wkr_id) VALUES
 ('C1000001', 'Grace', 'Okafor', '19980602', 'F', '485 777 3597', 'dy2 8ns', 501),
 ('C1000002', 'Daniel', 'Okafor', '20210914', 'M', '4857773600', 'DY2 8NS', 501),
 ('C1000003', 'Sam', 'Patel', '20150310', 'U', NULL, 'SM4 7QQ', NULL),
 ('C1000004', 'Ava', 'Jones', '20200101', 'f', '', NULL, NULL);
INSERT INTO csc_episode (episode_id, client_no, episode_typ, start_dt, end_dt, abuse_cat, need_cd, legal_status) VALUES
 (1, 'C1000001', 'UCPP', '20260620', '', 'NEG', NULL, NULL),
 (2, 'C1000002', 'CPP', '20260620', '', 'NEG', NULL, NULL),
 (3, 'C1000002', 'CPP', '20250601', '20251215', 'EMO', NULL, NULL),
 (4, 'C1000003', 'CIN', '20240101', '20250301', NULL, 'N5', NULL),
 (5, 'C1000003', 'LAC', '20250401', '20250901', NULL, NULL, 'C2');
INSERT INTO csc_cp_review (episode_id, review_dt) VALUES
 (3, '20251130'), (3, '20250830');
`;

/** An embedded case management database holding the fixture rows. */
export async function openFixtureDb(): Promise<Db> {
  const db = await openPglite();
  await db.exec(CHILDRENS_SOCIAL_CARE_SCHEMA);
  await db.exec(FIXTURE_ROWS);
  return db;
}
