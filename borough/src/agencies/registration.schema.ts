import { IDENTITY_CHANGE_LOG_TABLE, identityChangeTrigger } from "@ffd/shared";

/**
 * Birth registration, in the shape of Registration Online entries: one row per entry, keyed by
 * registration district and entry number, with the child, mother and father or second parent
 * as columns of the entry. The child's NHS number is recorded; the parents' are not.
 */
export const REGISTRATION_SCHEMA = `
CREATE TABLE ron_birth_reg (
  reg_district  VARCHAR(40) NOT NULL,
  entry_no      INTEGER NOT NULL,
  date_of_reg   DATE NOT NULL,                   -- the law allows 42 days from birth
  child_forenames VARCHAR(100) NOT NULL,
  child_surname VARCHAR(60) NOT NULL,
  child_sex     CHAR(1) NOT NULL,                -- '1' male, '2' female
  child_dob     DATE NOT NULL,
  child_tob     TIME,
  place_of_birth VARCHAR(120) NOT NULL,
  child_nhs_no  CHAR(10),
  mother_forenames VARCHAR(100) NOT NULL,
  mother_surname VARCHAR(60) NOT NULL,
  mother_maiden_surname VARCHAR(60),
  mother_dob    DATE NOT NULL,
  mother_birthplace VARCHAR(60),
  mother_usual_addr_postcode VARCHAR(8),
  parent2_type  CHAR(1),                         -- 'F' father, 'P' second female parent, NULL not registered
  parent2_forenames VARCHAR(100),
  parent2_surname VARCHAR(60),
  parent2_dob   DATE,
  informant_qual VARCHAR(30) NOT NULL,           -- 'Mother', 'Father', 'Parent', 'Mother and father', 'Both parents'
  reg_venue     VARCHAR(80) NOT NULL,            -- 'Register Office' or the children's centre's name
  reg_at_cc_ind CHAR(1) NOT NULL,                -- 'Y' registered at a children's centre, 'N'
  registrar_name VARCHAR(80),                    -- the registrar who signed the entry
  PRIMARY KEY (reg_district, entry_no)
);

CREATE INDEX ron_by_child_nhs ON ron_birth_reg (child_nhs_no);
-- Entries registered in a period (late registrations, births registered at centres).
CREATE INDEX ron_by_date_of_reg ON ron_birth_reg (date_of_reg);
`;

/**
 * The identity change log (the agency kit's ffd_identity_change and its triggers), kept apart
 * from the schema above: installed after the data is loaded, so that only later changes are
 * logged. family-index's refresh reads only the records it names, and the agency's record cache
 * drops them: its triggers cover every table an identity record or a cached record reads.
 */
export const REGISTRATION_IDENTITY_CHANGE_LOG = [
  IDENTITY_CHANGE_LOG_TABLE,
  // ron_birth_reg: the entry's child, mother and second parent.
  identityChangeTrigger(
    "ron_birth_reg",
    "SELECT r.reg_district || ':' || r.entry_no || ':' || role FROM unnest(ARRAY['child', 'mother', 'parent2']) AS role",
  ),
].join("\n");
