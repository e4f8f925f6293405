import { IDENTITY_CHANGE_LOG_TABLE, identityChangeTrigger } from "@ffd/shared";

/**
 * Children's social care, in the shape of a council's case management system (the LCS/Mosaic
 * family): a client table keyed by a client number, one row per episode of involvement (child in
 * need, child protection plan, unborn child protection plan held on the expectant mother, looked
 * after), child protection reviews against a plan, and the allocated worker. Its own conventions:
 * dates are kept as 8-character text 'YYYYMMDD' (blank when not ended), gender as 'M', 'F' or 'U',
 * and the codes are the statutory returns' (CIN census categories of abuse and need codes,
 * SSDA903 legal statuses).
 */
export const CHILDRENS_SOCIAL_CARE_SCHEMA = `
CREATE TABLE csc_worker (
  wkr_id        INTEGER PRIMARY KEY,
  wkr_name      VARCHAR(80) NOT NULL,
  wkr_team      VARCHAR(60) NOT NULL,
  wkr_phone     VARCHAR(20) NOT NULL
);

CREATE TABLE csc_client (
  client_no     VARCHAR(10) PRIMARY KEY,           -- 'C' and seven digits
  forename      VARCHAR(60) NOT NULL,
  surname       VARCHAR(60) NOT NULL,
  birth_dt      CHAR(8),                            -- 'YYYYMMDD'; blank for an unborn child's record
  gender_cd     CHAR(1) NOT NULL,                   -- 'M', 'F', 'U' unknown
  nhs_no        VARCHAR(12),                        -- as keyed
  postcode      VARCHAR(10),
  alloc_wkr_id  INTEGER REFERENCES csc_worker (wkr_id)
);

CREATE TABLE csc_episode (
  episode_id    INTEGER PRIMARY KEY,
  client_no     VARCHAR(10) NOT NULL REFERENCES csc_client (client_no),
  episode_typ   VARCHAR(4) NOT NULL,                -- 'CIN', 'CPP', 'UCPP' (unborn, on the mother), 'LAC'
  start_dt      CHAR(8) NOT NULL,                   -- 'YYYYMMDD'
  end_dt        CHAR(8) NOT NULL DEFAULT '',        -- 'YYYYMMDD'; blank while open
  abuse_cat     VARCHAR(3),                         -- CPP/UCPP: 'NEG', 'PHY', 'EMO', 'SAB', 'MUL'
  need_cd       CHAR(2),                            -- CIN: 'N1'..'N9' (primary need)
  legal_status  VARCHAR(2)                          -- LAC: 'C2' care order, 'V2' section 20, 'E1' placement order, 'L1' police protection
);

CREATE TABLE csc_cp_review (
  episode_id    INTEGER NOT NULL REFERENCES csc_episode (episode_id),
  review_dt     CHAR(8) NOT NULL,                   -- 'YYYYMMDD'
  PRIMARY KEY (episode_id, review_dt)
);

CREATE INDEX csc_episode_by_client ON csc_episode (client_no);
CREATE INDEX csc_client_by_nhs ON csc_client (nhs_no);
-- Episodes started in a week (the safeguarding list's flags started).
CREATE INDEX csc_episode_by_start ON csc_episode (start_dt);
`;

/**
 * The identity change log (the agency kit's ffd_identity_change and its triggers), kept apart
 * from the schema above: installed after the data is loaded, so that only later changes are
 * logged. family-index's refresh reads only the records it names, and the agency's record cache
 * drops them: its triggers cover every table an identity record or a cached record reads.
 */
export const CHILDRENS_SOCIAL_CARE_IDENTITY_CHANGE_LOG = [
  IDENTITY_CHANGE_LOG_TABLE,
  // csc_client: the client's record.
  identityChangeTrigger("csc_client", "SELECT r.client_no::text"),
  // For the record cache (a client's record holds its episodes, their reviews and the allocated
  // worker): csc_episode, its client's record (a new plan, one ended).
  identityChangeTrigger("csc_episode", "SELECT r.client_no::text"),
  // csc_cp_review: the client of the episode reviewed.
  identityChangeTrigger(
    "csc_cp_review",
    "SELECT e.client_no::text FROM csc_episode e WHERE e.episode_id = r.episode_id",
  ),
  // csc_worker: the worker's name, team and phone, in each of their clients' records.
  identityChangeTrigger("csc_worker", "SELECT c.client_no::text FROM csc_client c WHERE c.alloc_wkr_id = r.wkr_id"),
].join("\n");
