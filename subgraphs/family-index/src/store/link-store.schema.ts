/**
 * family-index's own link store. It holds links and the minimum demographics needed to make
 * them, never agency case data. Every build is written as a new generation (`build_id`) and
 * made current by one single-row update of fi_current, so a reader never sees half an index
 * (this works the same on a PostgreSQL pool, where BEGIN/COMMIT could land on different
 * connections, and on PGlite, where a transaction would not hide uncommitted rows from other
 * queries on its one session). The previous generation is kept until the next build starts,
 * so requests that began before the swap finish on the generation they started with.
 *
 * fi_review_decision is not generation-scoped: reviewers' decisions about pairs of records
 * persist across rebuilds and feed every build.
 */
export const LINK_STORE_SCHEMA = `
CREATE SEQUENCE IF NOT EXISTS fi_build_seq;

CREATE TABLE IF NOT EXISTS fi_build (
  build_id      INTEGER PRIMARY KEY,
  started_at    TIMESTAMPTZ NOT NULL,
  finished_at   TIMESTAMPTZ,
  agencies      TEXT NOT NULL,                   -- agencies whose feeds went into this build, comma separated
  missing       TEXT NOT NULL,                   -- agencies that could not be read
  record_count  INTEGER NOT NULL,
  person_count  INTEGER NOT NULL,
  family_count  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS fi_current (
  singleton     BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  build_id      INTEGER NOT NULL
);

-- One row per agency local record: which person it is, by which rule, with what confidence.
CREATE TABLE IF NOT EXISTS fi_record (
  build_id      INTEGER NOT NULL,
  agency        TEXT NOT NULL,                   -- the agency's name in the service registry ('maternity', ...)
  local_id      TEXT NOT NULL,                   -- the agency's own id (identity feed localId)
  person_id     TEXT NOT NULL,
  rule          TEXT NOT NULL,                   -- ANCHOR, NHS_NUMBER_AND_DATE_OF_BIRTH, NAME_DATE_OF_BIRTH_AND_POSTCODE, REVIEWED_SAME_PERSON
  confidence    DOUBLE PRECISION NOT NULL,       -- 0..1
  linked_to     TEXT,                            -- '<agency>:<localId>' of the record it was linked to; NULL for the anchor
  nhs_number    TEXT,                            -- digits as held, valid or not
  given_name    TEXT,
  family_name   TEXT,
  date_of_birth DATE,
  sex           TEXT,
  postcode      TEXT,                            -- normalised
  household_id  TEXT,
  care_unit     TEXT,                            -- the unit holding the record: 'hv-caseload:<id>', 'centre:<code>', 'maternity-provider:<code>'
  PRIMARY KEY (build_id, agency, local_id)
);
CREATE INDEX IF NOT EXISTS fi_record_by_person ON fi_record (build_id, person_id);
-- Stores created before care units were fed.
ALTER TABLE fi_record ADD COLUMN IF NOT EXISTS care_unit TEXT;
-- The record as its agency's feed gave it (JSON, without agency and local id), so that a restart
-- resumes from the generation instead of reading every agency whole (NULL in stores from before:
-- those are linked again on the next start).
ALTER TABLE fi_record ADD COLUMN IF NOT EXISTS source TEXT;

CREATE TABLE IF NOT EXISTS fi_person (
  build_id      INTEGER NOT NULL,
  person_id     TEXT NOT NULL,
  anchor        TEXT NOT NULL,                   -- '<agency>:<localId>' the id derives from
  nhs_number    TEXT,
  given_name    TEXT,
  family_name   TEXT,
  date_of_birth DATE,
  sex           TEXT,
  postcode      TEXT,
  family_id     TEXT,
  PRIMARY KEY (build_id, person_id)
);
-- The outreach list: children born in a window (Query.newBirthsNotKnownToCentres).
CREATE INDEX IF NOT EXISTS fi_person_by_birth ON fi_person (build_id, date_of_birth);

CREATE TABLE IF NOT EXISTS fi_family (
  build_id      INTEGER NOT NULL,
  family_id     TEXT NOT NULL,
  anchor_person_id TEXT NOT NULL,
  member_count  INTEGER NOT NULL,
  PRIMARY KEY (build_id, family_id)
);

CREATE TABLE IF NOT EXISTS fi_family_member (
  build_id      INTEGER NOT NULL,
  family_id     TEXT NOT NULL,
  person_id     TEXT NOT NULL,
  relationship  TEXT NOT NULL,                   -- MOTHER, FATHER, SECOND_PARENT, CARER, CHILD, SIBLING
  PRIMARY KEY (build_id, family_id, person_id)
);

-- What a restart needs to resume from a generation (indexer/resume.ts): change cursors, match
-- model, review candidates, the last review decision taken in, and what it was linked under (JSON).
CREATE TABLE IF NOT EXISTS fi_resume (
  build_id      INTEGER PRIMARY KEY,
  point         TEXT NOT NULL
);

-- A data steward's decision about two records, kept across rebuilds and restarts (never
-- generation-scoped). The latest decision about a pair is the one in force. kind says which
-- action made it: CONFIRM (confirmLink), REJECT (rejectLink), UNLINK (unlink: one row for each
-- other record the person had, all NOT_SAME_PERSON, all with the same note and time).
CREATE TABLE IF NOT EXISTS fi_review_decision (
  decision_id   SERIAL PRIMARY KEY,
  agency_a      TEXT NOT NULL,
  local_id_a    TEXT NOT NULL,
  agency_b      TEXT NOT NULL,
  local_id_b    TEXT NOT NULL,
  decision      TEXT NOT NULL CHECK (decision IN ('SAME_PERSON', 'NOT_SAME_PERSON')),
  decided_by    TEXT NOT NULL,                   -- the caller's subject, as the gateway verified it
  decided_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  reason        TEXT,                            -- unused (issue 2); see note
  kind          TEXT,                            -- CONFIRM, REJECT, UNLINK
  decided_role  TEXT,                            -- the caller's role when deciding
  note          TEXT,                            -- the steward's note, as written
  probability   DOUBLE PRECISION                 -- the match probability shown when deciding, if it was a candidate
);
-- Stores created before these columns existed.
ALTER TABLE fi_review_decision ADD COLUMN IF NOT EXISTS kind TEXT;
ALTER TABLE fi_review_decision ADD COLUMN IF NOT EXISTS decided_role TEXT;
ALTER TABLE fi_review_decision ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE fi_review_decision ADD COLUMN IF NOT EXISTS probability DOUBLE PRECISION;
`;

export const GENERATION_TABLES = [
  "fi_record",
  "fi_person",
  "fi_family",
  "fi_family_member",
  "fi_resume",
  "fi_build",
] as const;
