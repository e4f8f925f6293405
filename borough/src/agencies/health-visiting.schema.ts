import { IDENTITY_CHANGE_LOG_TABLE, identityChangeTrigger } from "@ffd/shared";

/**
 * The health visiting service's community patient system: integer patient ids, dates kept as
 * 'DD/MM/YYYY' text (a legacy of its first version), NHS numbers as keyed (sometimes with
 * spaces), two-letter gender and contact codes. Mandated reviews are not stored as such: a
 * review is a contact of the review's type; what is due is worked out from the schedule.
 * Antenatal contacts are recorded against the expectant mother.
 */
export const HEALTH_VISITING_SCHEMA = `
CREATE TABLE hv_caseload (
  caseload_id   INTEGER PRIMARY KEY,
  team_name     VARCHAR(80) NOT NULL,            -- e.g. 'North Locality HV Team'
  named_hv      VARCHAR(80) NOT NULL,            -- the named health visitor holding the caseload
  hv_base       VARCHAR(80),                     -- clinic or children's centre the team works from
  team_phone    VARCHAR(20)                      -- the team's duty line, e.g. '01384 814001'
);

CREATE TABLE hv_patient (
  pat_id        INTEGER PRIMARY KEY,
  nhs_no        VARCHAR(12),                     -- as keyed: '9434765919' or '943 476 5919'
  forename      VARCHAR(50),
  surname       VARCHAR(50) NOT NULL,
  dob           VARCHAR(10) NOT NULL,            -- 'DD/MM/YYYY'
  gender_cd     CHAR(1) NOT NULL,                -- 'M', 'F', 'U'
  post_cd       VARCHAR(10),
  caseload_id   INTEGER REFERENCES hv_caseload (caseload_id),
  pat_type      CHAR(1) NOT NULL,                -- 'C' child, 'P' parent or carer, 'A' antenatal (expectant mother)
  edd           VARCHAR(10),                     -- 'DD/MM/YYYY', expected delivery, antenatal clients only
  reg_dt        VARCHAR(10) NOT NULL             -- 'DD/MM/YYYY', added to the caseload
);

CREATE TABLE hv_family_rel (
  pat_id        INTEGER NOT NULL REFERENCES hv_patient (pat_id),     -- the adult
  rel_pat_id    INTEGER NOT NULL REFERENCES hv_patient (pat_id),     -- the child
  rel_cd        CHAR(3) NOT NULL,                -- 'MTH' mother, 'FTH' father, 'PAR' second parent, 'CRR' other carer
  PRIMARY KEY (pat_id, rel_pat_id)
);

CREATE TABLE hv_contact (
  contact_id    INTEGER PRIMARY KEY,
  pat_id        INTEGER NOT NULL REFERENCES hv_patient (pat_id),
  contact_dt    VARCHAR(10) NOT NULL,            -- 'DD/MM/YYYY'
  contact_type_cd VARCHAR(3) NOT NULL,           -- 'ANT' antenatal, 'NBV' new birth visit, '68W' 6-8 week review,
                                                 -- '1YR' 1 year review, '2YR' 2-2.5 year review, 'HV' other home visit,
                                                 -- 'CLN' clinic, 'TEL' telephone
  outcome_cd    VARCHAR(3) NOT NULL,             -- 'ATT' attended, 'DNA' did not attend, 'CAN' cancelled
  bf_status_cd  CHAR(1),                         -- at '68W': 'T' totally breastfed, 'P' partially, 'N' not breastfed
  asq3_cd       CHAR(1),                         -- at '2YR': 'Y' ASQ-3 completed, 'N' not
  staff_name    VARCHAR(80)
);

CREATE INDEX hv_contact_by_pat ON hv_contact (pat_id);
-- A child's parents and carers, read without visiting the table.
CREATE INDEX hv_family_rel_by_child ON hv_family_rel (rel_pat_id) INCLUDE (pat_id, rel_cd);
-- Children by postcode sector, as the locality work lists compare it (postcode without spaces,
-- upper case, less its last two characters), then by date of birth as 'YYYYMMDD' text (the legacy
-- 'D/M/YYYY' read as its digits and slashes only, day and month to two digits): a list reads the sector's
-- children born in the spans its reviews can fall in, not every child.
CREATE INDEX hv_child_by_sector ON hv_patient (
  (left(upper(regexp_replace(post_cd, '\\s', '', 'g')), -2)),
  (split_part(regexp_replace(dob, '[^0-9/]', '', 'g'), '/', 3)
    || lpad(split_part(regexp_replace(dob, '[^0-9/]', '', 'g'), '/', 2), 2, '0')
    || lpad(split_part(regexp_replace(dob, '[^0-9/]', '', 'g'), '/', 1), 2, '0'))
) WHERE pat_type = 'C';
-- Children by date of birth alone (the same 'YYYYMMDD' text), for the reviews that became overdue
-- in a week across the borough: the few weeks of births whose reviews fall due in it.
CREATE INDEX hv_child_by_birth ON hv_patient (
  (split_part(regexp_replace(dob, '[^0-9/]', '', 'g'), '/', 3)
    || lpad(split_part(regexp_replace(dob, '[^0-9/]', '', 'g'), '/', 2), 2, '0')
    || lpad(split_part(regexp_replace(dob, '[^0-9/]', '', 'g'), '/', 1), 2, '0'))
) WHERE pat_type = 'C';
`;

/**
 * The identity change log (the agency kit's ffd_identity_change and its triggers), kept apart
 * from the schema above: installed after the data is loaded, so that only later changes are
 * logged. family-index's refresh reads only the records it names, and the agency's record cache
 * drops them: its triggers cover every table an identity record or a cached record reads.
 */
export const HEALTH_VISITING_IDENTITY_CHANGE_LOG = [
  IDENTITY_CHANGE_LOG_TABLE,
  // hv_patient: the patient's record.
  identityChangeTrigger("hv_patient", "SELECT r.pat_id::text"),
  // hv_family_rel: both records the relation is on.
  identityChangeTrigger("hv_family_rel", "SELECT r.pat_id::text UNION ALL SELECT r.rel_pat_id::text"),
  // For the record cache: hv_contact, the patient's contacts, and a mother's in her children's
  // records (their mother's antenatal contacts).
  identityChangeTrigger(
    "hv_contact",
    "SELECT r.pat_id::text UNION ALL SELECT f.rel_pat_id::text FROM hv_family_rel f WHERE f.pat_id = r.pat_id AND f.rel_cd = 'MTH'",
  ),
  // hv_caseload: the team and named health visitor, in each of its patients' records.
  identityChangeTrigger("hv_caseload", "SELECT p.pat_id::text FROM hv_patient p WHERE p.caseload_id = r.caseload_id"),
].join("\n");
