import { IDENTITY_CHANGE_LOG_TABLE, identityChangeTrigger } from "@ffd/shared";

/**
 * The maternity information system, in the shape of its Maternity Services Data Set extract
 * tables: MSDS table prefixes, MSDS code sets, gestation in days, and NHS numbers as ten
 * digits with a separate tracing status. Babies are often booked as "Baby <surname>" with no
 * forename until they are named.
 */
export const MATERNITY_SCHEMA = `
CREATE TABLE msd000_org (
  org_code          VARCHAR(5) PRIMARY KEY,      -- provider (trust) code
  org_name          VARCHAR(120) NOT NULL
);

CREATE TABLE msd001_mother_demog (
  local_patient_id  VARCHAR(20) PRIMARY KEY,     -- 'MAT' + 7 digits
  org_code          VARCHAR(5) NOT NULL REFERENCES msd000_org (org_code),
  nhs_number        CHAR(10),                    -- NULL when not traced
  nhs_number_status CHAR(2) NOT NULL,            -- '01' verified, '02' present not traced, '03' trace required, '07' not present
  person_birth_date DATE NOT NULL,
  forename          VARCHAR(60),
  surname           VARCHAR(60) NOT NULL,
  postcode_usual_address VARCHAR(8),             -- with its space, e.g. 'DY1 4QT'
  ethnic_category   CHAR(2)                      -- NHS ethnic category code, e.g. 'A', 'H', 'N', 'Z'
);

CREATE TABLE msd101_preg_booking (
  preg_id           VARCHAR(20) PRIMARY KEY,     -- 'PRG' + 7 digits
  local_patient_id  VARCHAR(20) NOT NULL REFERENCES msd001_mother_demog (local_patient_id),
  antenatal_app_date DATE NOT NULL,              -- booking appointment
  gest_age_booking  SMALLINT NOT NULL,           -- gestation at booking, in days
  edd_agreed        DATE NOT NULL,               -- agreed estimated date of delivery
  complex_social_factors_ind CHAR(1) NOT NULL,   -- 'Y', 'N', 'X' not known
  preg_outcome_cd   CHAR(2),                     -- NULL ongoing, '01' live birth, '02' stillbirth, '03' miscarriage or other loss
  lead_midwife      VARCHAR(80),                 -- the named community midwife for the pregnancy
  cmw_team          VARCHAR(80),                 -- community midwifery team, e.g. 'North Locality Community Midwives'
  cmw_team_phone    VARCHAR(20)                  -- the team's line
);

CREATE TABLE msd401_baby_demog (
  baby_local_id     VARCHAR(20) PRIMARY KEY,     -- 'BAB' + 7 digits
  preg_id           VARCHAR(20) NOT NULL REFERENCES msd101_preg_booking (preg_id),
  local_patient_id_mother VARCHAR(20) NOT NULL REFERENCES msd001_mother_demog (local_patient_id),
  nhs_number_baby   CHAR(10),
  baby_forename     VARCHAR(60),                 -- often NULL: booked as 'Baby <surname>' until named
  baby_surname      VARCHAR(60),
  person_birth_date_baby DATE NOT NULL,
  person_birth_time_baby TIME NOT NULL,
  person_phenotypic_sex CHAR(1) NOT NULL,        -- '1' male, '2' female, '9' indeterminate
  gestation_length_birth SMALLINT NOT NULL,      -- days
  birth_weight      SMALLINT,                    -- grams
  delivery_method_cd CHAR(1) NOT NULL,           -- MSDS: '0' spontaneous vertex, '1' spontaneous other cephalic,
                                                 -- '2' low forceps, '3' other forceps, '4' ventouse, '5' breech,
                                                 -- '6' breech extraction, '7' elective caesarean, '8' emergency caesarean, '9' other
  baby_first_feed_cd CHAR(2),                    -- '01' maternal or donor breast milk, '02' not breast milk, '03' mixed
  birth_notif_dttm  TIMESTAMP NOT NULL           -- birth notification sent (within 36 hours of birth)
);

CREATE INDEX msd101_by_mother ON msd101_preg_booking (local_patient_id);
CREATE INDEX msd401_by_mother ON msd401_baby_demog (local_patient_id_mother);
CREATE INDEX msd401_by_preg ON msd401_baby_demog (preg_id);
-- Bookings in a week (the safeguarding list's complex social factors at booking).
CREATE INDEX msd101_by_booking_date ON msd101_preg_booking (antenatal_app_date);
`;

/**
 * The identity change log (the agency kit's ffd_identity_change and its triggers), kept apart
 * from the schema above: installed after the data is loaded, so that only later changes are
 * logged. family-index's refresh reads only the records it names, and the agency's record cache
 * drops them: its triggers cover every table an identity record or a cached record reads.
 */
export const MATERNITY_IDENTITY_CHANGE_LOG = [
  IDENTITY_CHANGE_LOG_TABLE,
  // msd001_mother_demog: a mother's record, and her babies' (they carry her postcode and provider).
  identityChangeTrigger(
    "msd001_mother_demog",
    "SELECT r.local_patient_id::text UNION ALL SELECT b.baby_local_id::text FROM msd401_baby_demog b WHERE b.local_patient_id_mother = r.local_patient_id",
  ),
  // msd401_baby_demog: a baby's record, and its mother's (her list of children).
  identityChangeTrigger(
    "msd401_baby_demog",
    "SELECT r.baby_local_id::text UNION ALL SELECT r.local_patient_id_mother::text",
  ),
  // For the record cache: msd101_preg_booking, the mother's pregnancies (pregnanciesOfMothers).
  identityChangeTrigger("msd101_preg_booking", "SELECT r.local_patient_id::text"),
  // msd000_org: the provider's name, in each of its mothers' and babies' records (mothers, births).
  identityChangeTrigger(
    "msd000_org",
    `SELECT m.local_patient_id::text FROM msd001_mother_demog m WHERE m.org_code = r.org_code
     UNION ALL SELECT b.baby_local_id::text FROM msd401_baby_demog b
       JOIN msd001_mother_demog m ON m.local_patient_id = b.local_patient_id_mother WHERE m.org_code = r.org_code`,
  ),
].join("\n");
