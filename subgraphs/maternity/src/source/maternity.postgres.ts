import {
  addDays,
  byKey,
  latestOf,
  type AgencyEvent,
  type AgencyInvolvement,
  type IsoDate,
  careUnit,
  groupByKey,
  isIsoDate,
  normalisePostcode,
  queryRows,
  readColumn,
  Sex,
  type Db,
  type IdentityRecord,
} from "@ffd/shared";
import { z } from "zod";
import {
  COMPLEX_SOCIAL_FACTORS_CODES,
  DELIVERY_METHOD_CODES,
  FIRST_FEED_CODES,
  PHENOTYPIC_SEX_CODES,
  PREGNANCY_OUTCOME_CODES,
  complexSocialFactorsOf,
  deliveryMethodOf,
  firstFeedOf,
  gestationOf,
  nhsDigitsOf,
  pregnancyOutcomeOf,
  sexOf,
} from "./maternity.codes";
import { londonTimestampToUtcIso, londonToUtcIso } from "./london-time";
import { type Birth, type MaternitySource, type Mother, type Pregnancy } from "./maternity.port";

/*
 * Row schemas: what the maternity system's tables promise (see borough's maternity.schema.ts).
 * CHAR(n) columns come back blank-padded, so codes are trimmed before they are checked.
 */
const codeOf = <T extends Record<string, unknown>>(codes: T) =>
  z
    .string()
    .trim()
    .pipe(z.enum(Object.keys(codes) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]]));
const isoDate = z.string().refine(isIsoDate, "not a YYYY-MM-DD date");
const smallint = z.coerce.number().int();

const motherRow = z.object({
  local_patient_id: z.string(),
  org_name: z.string(),
});

const pregnancyRow = z.object({
  preg_id: z.string(),
  local_patient_id: z.string(),
  antenatal_app_date: isoDate,
  gest_age_booking: smallint.nonnegative(),
  edd_agreed: isoDate,
  complex_social_factors_ind: codeOf(COMPLEX_SOCIAL_FACTORS_CODES),
  preg_outcome_cd: codeOf(PREGNANCY_OUTCOME_CODES).nullable(),
});

const birthRow = z.object({
  baby_local_id: z.string(),
  preg_id: z.string(),
  local_patient_id_mother: z.string(),
  org_name: z.string(),
  person_birth_date_baby: isoDate,
  person_birth_time_baby: z.string(),
  person_phenotypic_sex: codeOf(PHENOTYPIC_SEX_CODES),
  gestation_length_birth: smallint.nonnegative(),
  birth_weight: smallint.positive().nullable(),
  delivery_method_cd: codeOf(DELIVERY_METHOD_CODES),
  baby_first_feed_cd: codeOf(FIRST_FEED_CODES).nullable(),
  birth_notif_dttm: z.string(),
});

const identityRow = z.object({
  local_id: z.string(),
  nhs_number: z.string().nullable(),
  given_name: z.string().nullable(),
  family_name: z.string().nullable(),
  date_of_birth: isoDate.nullable(),
  sex_cd: codeOf(PHENOTYPIC_SEX_CODES).nullable(),
  postcode: z.string().nullable(),
  mother_id: z.string().nullable(),
  child_ids: z.array(z.string()),
  org_code: z.string(),
});

const involvementBabyRow = z.object({
  baby_local_id: z.string(),
  preg_id: z.string(),
  local_patient_id_mother: z.string(),
  person_birth_date_baby: isoDate,
});

const involvementBookingRow = z.object({
  preg_id: z.string(),
  local_patient_id: z.string(),
  antenatal_app_date: isoDate,
  edd_agreed: isoDate,
  preg_outcome_cd: codeOf(PREGNANCY_OUTCOME_CODES).nullable(),
  lead_midwife: z.string().nullable(),
  cmw_team: z.string().nullable(),
  cmw_team_phone: z.string().nullable(),
});
type InvolvementBooking = z.output<typeof involvementBookingRow>;

/** How long after a birth mother and baby stay in the midwives' postnatal care. */
const POSTNATAL_DAYS = 28;

const PREGNANCY_COLUMNS = `p.preg_id, p.local_patient_id, p.antenatal_app_date, p.gest_age_booking, p.edd_agreed,
  p.complex_social_factors_ind, p.preg_outcome_cd`;

const BIRTH_COLUMNS = `b.baby_local_id, b.preg_id, b.local_patient_id_mother, o.org_name,
  b.person_birth_date_baby, b.person_birth_time_baby, b.person_phenotypic_sex, b.gestation_length_birth,
  b.birth_weight, b.delivery_method_cd, b.baby_first_feed_cd, b.birth_notif_dttm`;
const BIRTH_FROM = `msd401_baby_demog b
  JOIN msd001_mother_demog m ON m.local_patient_id = b.local_patient_id_mother
  JOIN msd000_org o ON o.org_code = m.org_code`;
const BIRTH_ORDER = `b.person_birth_date_baby, b.person_birth_time_baby, b.baby_local_id`;

/*
 * The identity feed: mothers and babies in one sequence ordered by local id ('BAB…' before
 * 'MAT…'), each branch already cut at the page size so a page never reads the whole system.
 * `>` and ORDER BY use the same (database default) collation, which is what makes paging exact.
 * Each record's care unit is the provider the mother booked with (a baby's, its mother's).
 */
const identityFeedSql = (filter: "first" | "after" | "ids") => {
  const after = (column: string) =>
    filter === "after" ? `WHERE ${column} > $2` : filter === "ids" ? `WHERE ${column} = ANY($2::text[])` : "";
  return `
SELECT * FROM (
  (SELECT m.local_patient_id AS local_id, m.nhs_number, m.forename AS given_name, m.surname AS family_name,
          m.person_birth_date AS date_of_birth, NULL::text AS sex_cd, m.postcode_usual_address AS postcode,
          NULL::text AS mother_id,
          ARRAY(SELECT c.baby_local_id::text FROM msd401_baby_demog c
                WHERE c.local_patient_id_mother = m.local_patient_id ORDER BY c.baby_local_id) AS child_ids,
          m.org_code
     FROM msd001_mother_demog m ${after("m.local_patient_id")}
    ORDER BY m.local_patient_id LIMIT $1)
  UNION ALL
  (SELECT b.baby_local_id, b.nhs_number_baby, b.baby_forename, b.baby_surname,
          b.person_birth_date_baby, b.person_phenotypic_sex::text, m.postcode_usual_address,
          b.local_patient_id_mother::text, ARRAY[]::text[], m.org_code
     FROM msd401_baby_demog b JOIN msd001_mother_demog m ON m.local_patient_id = b.local_patient_id_mother
     ${after("b.baby_local_id")}
    ORDER BY b.baby_local_id LIMIT $1)
) feed
ORDER BY feed.local_id
LIMIT $1`;
};

/** The one adapter to the maternity system: read-only SQL over its MSDS-shaped tables. */
export class PostgresMaternitySource implements MaternitySource {
  constructor(private readonly db: Db) {}

  async mothers(localIds: readonly string[]): Promise<(Mother | null)[]> {
    if (localIds.length === 0) return [];
    const rows = await this.rows(
      motherRow,
      `SELECT m.local_patient_id, o.org_name
         FROM msd001_mother_demog m JOIN msd000_org o ON o.org_code = m.org_code
        WHERE m.local_patient_id = ANY($1::text[])`,
      [localIds],
    );
    const mothers = rows.map((r): Mother => ({ localId: r.local_patient_id, provider: r.org_name }));
    return byKey(localIds, mothers, (m) => m.localId);
  }

  async births(babyLocalIds: readonly string[]): Promise<(Birth | null)[]> {
    if (babyLocalIds.length === 0) return [];
    const rows = await this.rows(
      birthRow,
      `SELECT ${BIRTH_COLUMNS} FROM ${BIRTH_FROM} WHERE b.baby_local_id = ANY($1::text[])`,
      [babyLocalIds],
    );
    return byKey(babyLocalIds, rows.map(toBirth), (b) => b.localId);
  }

  async birthsOfPregnancies(pregnancyIds: readonly string[]): Promise<Birth[][]> {
    if (pregnancyIds.length === 0) return [];
    const rows = await this.rows(
      birthRow,
      `SELECT ${BIRTH_COLUMNS} FROM ${BIRTH_FROM} WHERE b.preg_id = ANY($1::text[]) ORDER BY ${BIRTH_ORDER}`,
      [pregnancyIds],
    );
    return groupByKey(pregnancyIds, rows.map(toBirth), (b) => b.pregnancyId);
  }

  async pregnancies(ids: readonly string[]): Promise<(Pregnancy | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.rows(
      pregnancyRow,
      `SELECT ${PREGNANCY_COLUMNS} FROM msd101_preg_booking p WHERE p.preg_id = ANY($1::text[])`,
      [ids],
    );
    return byKey(ids, rows.map(toPregnancy), (p) => p.id);
  }

  /**
   * The safeguarding list's events: each pregnancy booked from `from` to `to` at which complex
   * social factors were identified (`Y`; not `X`, not known), by the mother's record, in one query.
   * This is more than maternity's summary shows: family-index shows it only to a caller who may
   * see maternity in full for the family.
   */
  async events(from: IsoDate, to: IsoDate): Promise<AgencyEvent[]> {
    const rows = await this.rows(
      pregnancyRow,
      `SELECT ${PREGNANCY_COLUMNS} FROM msd101_preg_booking p
        WHERE p.antenatal_app_date BETWEEN $1::date AND $2::date
        ORDER BY p.antenatal_app_date, p.preg_id`,
      [from, to],
    );
    return rows
      .filter((r) => complexSocialFactorsOf(r.complex_social_factors_ind) === true)
      .map((r) => ({
        localId: r.local_patient_id,
        kind: "COMPLEX_SOCIAL_FACTORS_AT_BOOKING",
        on: r.antenatal_app_date,
        summary: "Complex social factors identified at pregnancy booking",
      }));
  }

  async pregnanciesOfMothers(motherLocalIds: readonly string[]): Promise<Pregnancy[][]> {
    if (motherLocalIds.length === 0) return [];
    const rows = await this.rows(
      pregnancyRow,
      `SELECT ${PREGNANCY_COLUMNS} FROM msd101_preg_booking p
        WHERE p.local_patient_id = ANY($1::text[])
        ORDER BY p.antenatal_app_date, p.preg_id`,
      [motherLocalIds],
    );
    return groupByKey(motherLocalIds, rows.map(toPregnancy), (p) => p.motherLocalId);
  }

  /**
   * Two queries for any number of ids: the babies among them and those of the mothers among
   * them, then the pregnancy bookings of those mothers and babies. A mother is CURRENT while a
   * pregnancy is ongoing or within 28 days of a birth (postnatal care), a baby within 28 days of
   * birth; HISTORIC otherwise. The lead practitioner is the latest booking's named community
   * midwife and team; since is that booking's date (a baby's birth); the last contact the latest
   * booking appointment or birth on or before `asOf` (the system records no other appointment).
   */
  async involvements(localIds: readonly string[], asOf: IsoDate): Promise<(AgencyInvolvement | null)[]> {
    if (localIds.length === 0) return [];
    const ids = [...new Set(localIds)];
    const babies = await queryRows(
      this.db,
      "maternity",
      involvementBabyRow,
      `SELECT baby_local_id, preg_id, local_patient_id_mother, person_birth_date_baby FROM msd401_baby_demog
        WHERE baby_local_id = ANY($1::text[]) OR local_patient_id_mother = ANY($1::text[])`,
      [ids],
    );
    const bookings = await queryRows(
      this.db,
      "maternity",
      involvementBookingRow,
      `SELECT preg_id, local_patient_id, antenatal_app_date, edd_agreed, preg_outcome_cd, lead_midwife, cmw_team,
              cmw_team_phone
         FROM msd101_preg_booking WHERE local_patient_id = ANY($1::text[]) OR preg_id = ANY($2::text[])
        ORDER BY antenatal_app_date, preg_id`,
      [ids, babies.map((b) => b.preg_id)],
    );
    const postnatalSince = addDays(asOf, -POSTNATAL_DAYS);
    const births = (list: typeof babies) => list.map((b) => b.person_birth_date_baby).filter((d) => d <= asOf);
    const practitionerOf = (booking: InvolvementBooking | undefined) =>
      booking?.lead_midwife
        ? {
            name: booking.lead_midwife.trim(),
            role: "Community midwife",
            team: booking.cmw_team?.trim() || null,
            phone: booking.cmw_team_phone?.trim() || null,
          }
        : null;
    const found: AgencyInvolvement[] = [];
    for (const id of ids) {
      const baby = babies.find((b) => b.baby_local_id === id);
      if (baby) {
        const born = baby.person_birth_date_baby;
        found.push({
          localId: id,
          status: born <= asOf && born > postnatalSince ? "CURRENT" : "HISTORIC",
          leadPractitioner: practitionerOf(bookings.find((p) => p.preg_id === baby.preg_id)),
          since: born,
          lastContactOn: born <= asOf ? born : null,
        });
        continue;
      }
      const own = bookings.filter((p) => p.local_patient_id === id && p.antenatal_app_date <= asOf);
      if (own.length === 0) continue;
      const latest = own[own.length - 1];
      const recentBirths = births(babies.filter((b) => b.local_patient_id_mother === id));
      // Ongoing on `asOf`: no outcome recorded yet, or a baby of it born only after `asOf`.
      const ongoing = own.some((p) => {
        const born = babies.filter((b) => b.preg_id === p.preg_id).map((b) => b.person_birth_date_baby);
        return p.preg_outcome_cd === null
          ? p.edd_agreed > postnatalSince
          : born.length > 0 && born.every((d) => d > asOf);
      });
      found.push({
        localId: id,
        status: ongoing || recentBirths.some((d) => d > postnatalSince) ? "CURRENT" : "HISTORIC",
        leadPractitioner: practitionerOf(latest),
        since: latest.antenatal_app_date,
        lastContactOn: latestOf([...own.map((p) => p.antenatal_app_date), ...recentBirths]),
      });
    }
    return byKey(localIds, found, (i) => i.localId);
  }

  async identityFeed(after: string | null, limit: number): Promise<IdentityRecord[]> {
    const rows = await this.rows(
      identityRow,
      identityFeedSql(after !== null ? "after" : "first"),
      after !== null ? [limit, after] : [limit],
    );
    return rows.map(toIdentityRecord);
  }

  async identityRecords(localIds: readonly string[]): Promise<IdentityRecord[]> {
    if (localIds.length === 0) return [];
    const rows = await this.rows(identityRow, identityFeedSql("ids"), [localIds.length, localIds]);
    return rows.map(toIdentityRecord);
  }

  /** One query under the kit's bad-row policy: the system down or a bad row fails the read. */
  private rows<S extends z.ZodType>(schema: S, sql: string, params: readonly unknown[]): Promise<z.output<S>[]> {
    return queryRows(this.db, "maternity", schema, sql, params);
  }
}

function toPregnancy(r: z.output<typeof pregnancyRow>): Pregnancy {
  return {
    id: r.preg_id,
    motherLocalId: r.local_patient_id,
    bookedOn: r.antenatal_app_date,
    gestationAtBooking: gestationOf(r.gest_age_booking),
    agreedDueDate: r.edd_agreed,
    complexSocialFactors: complexSocialFactorsOf(r.complex_social_factors_ind),
    outcome: pregnancyOutcomeOf(r.preg_outcome_cd),
  };
}

function toBirth(r: z.output<typeof birthRow>): Birth {
  return {
    localId: r.baby_local_id,
    pregnancyId: r.preg_id,
    motherLocalId: r.local_patient_id_mother,
    provider: r.org_name,
    bornAt: readColumn("maternity", "person_birth_time_baby", () =>
      londonToUtcIso(r.person_birth_date_baby, r.person_birth_time_baby),
    ),
    sex: sexOf(r.person_phenotypic_sex),
    gestation: gestationOf(r.gestation_length_birth),
    birthWeightGrams: r.birth_weight,
    deliveryMethod: deliveryMethodOf(r.delivery_method_cd),
    firstFeed: firstFeedOf(r.baby_first_feed_cd),
    birthNotifiedAt: readColumn("maternity", "birth_notif_dttm", () => londonTimestampToUtcIso(r.birth_notif_dttm)),
  };
}

function toIdentityRecord(r: z.output<typeof identityRow>): IdentityRecord {
  const isBaby = r.mother_id !== null;
  return {
    localId: r.local_id,
    nhsNumber: nhsDigitsOf(r.nhs_number),
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    // Mothers are recorded as mothers: the system holds no sex for them.
    sex: isBaby ? (r.sex_cd === null ? null : sexOf(r.sex_cd)) : Sex.FEMALE,
    postcode: normalisePostcode(r.postcode),
    relations: isBaby
      ? [{ localId: r.mother_id as string, relationship: "MOTHER" }]
      : r.child_ids.map((localId) => ({ localId, relationship: "CHILD" as const })),
    careUnit: careUnit("maternity-provider", r.org_code),
  };
}
