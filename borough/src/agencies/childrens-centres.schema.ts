import { IDENTITY_CHANGE_LOG_TABLE, identityChangeTrigger } from "@ffd/shared";

/**
 * The children's centres' local case system: households registered at a centre, their members
 * (carers and children) with names as the family gave them, usually no NHS number, dates of
 * birth stored as midnight timestamps, and sessions attended. Centres belong to a cluster and
 * a locality.
 */
export const CHILDRENS_CENTRES_SCHEMA = `
CREATE TABLE cc_centre (
  centre_code   VARCHAR(8) PRIMARY KEY,          -- 'CC01'
  centre_name   VARCHAR(80) NOT NULL,
  cluster_name  VARCHAR(80) NOT NULL,
  locality_name VARCHAR(80) NOT NULL,
  postcode      VARCHAR(8) NOT NULL,
  in_most_deprived_30pct BOOLEAN NOT NULL,       -- reach area among the 30% most deprived
  centre_phone  VARCHAR(20)                      -- the centre's reception, e.g. '01384 815001'
);

CREATE TABLE cc_household (
  hh_ref        VARCHAR(12) PRIMARY KEY,         -- 'HH' + 6 digits
  centre_code   VARCHAR(8) NOT NULL REFERENCES cc_centre (centre_code),
  addr_line_1   VARCHAR(120),
  addr_town     VARCHAR(60),
  postcode      VARCHAR(10),                     -- as given; spacing and case vary
  date_registered TIMESTAMP NOT NULL,
  consent_share CHAR(1) NOT NULL,                -- 'Y' consented to share with partners, 'N'
  key_worker    VARCHAR(80)                      -- the family support worker the household is allocated to
);

CREATE TABLE cc_member (
  member_ref    VARCHAR(12) PRIMARY KEY,         -- 'M' + 7 digits
  hh_ref        VARCHAR(12) NOT NULL REFERENCES cc_household (hh_ref),
  first_name    VARCHAR(60),
  last_name     VARCHAR(60),
  date_of_birth TIMESTAMP,                       -- midnight; NULL when not given
  gender        VARCHAR(10),                     -- 'Male', 'Female', 'Unknown'
  member_role   VARCHAR(10) NOT NULL,            -- 'CARER', 'CHILD'
  relationship  VARCHAR(20),                     -- to the household's lead carer: 'Self', 'Partner', 'Son', 'Daughter', 'Grandparent', ...
  nhs_num       VARCHAR(10)                      -- rarely recorded
);

CREATE TABLE cc_session (
  session_id    INTEGER PRIMARY KEY,
  centre_code   VARCHAR(8) NOT NULL REFERENCES cc_centre (centre_code),
  session_date  DATE NOT NULL,
  activity      VARCHAR(60) NOT NULL             -- 'Stay and Play', 'Baby Massage', 'Breastfeeding Support', ...
);

CREATE TABLE cc_attendance (
  session_id    INTEGER NOT NULL REFERENCES cc_session (session_id),
  member_ref    VARCHAR(12) NOT NULL REFERENCES cc_member (member_ref),
  PRIMARY KEY (session_id, member_ref)
);

CREATE INDEX cc_member_by_hh ON cc_member (hh_ref);
CREATE INDEX cc_attendance_by_member ON cc_attendance (member_ref);
`;

/**
 * The identity change log (the agency kit's ffd_identity_change and its triggers), kept apart
 * from the schema above: installed after the data is loaded, so that only later changes are
 * logged. family-index's refresh reads only the records it names, and the agency's record cache
 * drops them: its triggers cover every table an identity record or a cached record reads.
 */
export const CHILDRENS_CENTRES_IDENTITY_CHANGE_LOG = [
  IDENTITY_CHANGE_LOG_TABLE,
  // cc_member: the member's record, and the household's others (their relations).
  identityChangeTrigger(
    "cc_member",
    "SELECT r.member_ref::text UNION SELECT m.member_ref::text FROM cc_member m WHERE m.hh_ref = r.hh_ref",
  ),
  // cc_household: every member's record (postcode, centre).
  identityChangeTrigger("cc_household", "SELECT m.member_ref::text FROM cc_member m WHERE m.hh_ref = r.hh_ref"),
].join("\n");
