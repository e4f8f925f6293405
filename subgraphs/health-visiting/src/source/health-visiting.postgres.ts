import {
  addDays,
  ageInYears,
  AgencyRowsInvalid,
  byKey,
  latestOf,
  withinMonths,
  type AgencyEvent,
  type AgencyInvolvement,
  type IsoDate,
  careUnit,
  normalisePostcode,
  queryRows,
  queryRowsAsJson,
  sectorOf,
  type Db,
  type IdentityRecord,
  type IdentityRelation,
  type Logger,
} from "@ffd/shared";
import { z } from "zod";
import { birthsWith, MANDATED_REVIEW_SCHEDULE, withinSpans } from "../entities/mandated-review/schedule";
import { reviewsBecameOverdue } from "../entities/worklist/worklist";
import {
  asq3FromCode,
  breastfeedingFromCode,
  clientTypeFromCode,
  contactOutcomeFromCode,
  contactTypeFromCode,
  nameAsHeld,
  nhsDigits,
  parseLegacyDate,
  patIdFromLocalId,
  relationshipFromCode,
  sexFromGenderCode,
} from "./health-visiting.codes";
import {
  HealthVisitingClientType,
  HealthVisitingContactType,
  type DateSpan,
  type HealthVisitingSource,
  type HvContact,
  type HvPatient,
} from "./health-visiting.port";

/*
 * The one adapter over the health visiting patient system (hv_* tables, see
 * borough/src/agencies/health-visiting.schema.ts). Rows are checked with zod and translated
 * here: 'DD/MM/YYYY' text to ISO dates, legacy codes to enums, NHS numbers to digits.
 *
 * Rows follow the agency kit's one bad-row policy: a row that breaks the system's contract (a
 * column of the wrong shape, a contact with no readable date, which would otherwise have to be
 * dropped) fails the whole read as AGENCY_UNAVAILABLE; no row is left out. Within a readable
 * row, a legacy free-text value that does not read (a date of birth keyed as 31/02/2020) is shown
 * as not known (null) and counted in a log line; the values themselves are never logged.
 */

const int = z.coerce.number().int();
const text = z.string().nullable();

const patientRow = z.object({
  pat_id: int,
  pat_type: z.string(),
  dob: text,
  edd: text,
  reg_dt: text,
  post_cd: text,
  team_name: text,
  named_hv: text,
  hv_base: text,
});

const motherRow = z.object({ mother_id: int, child_id: int });

const contactRow = z.object({
  pat_id: int,
  contact_id: int,
  contact_dt: text,
  contact_type_cd: text,
  outcome_cd: text,
  bf_status_cd: text,
  asq3_cd: text,
});

const identityRow = z.object({
  pat_id: int,
  nhs_no: text,
  forename: text,
  surname: text,
  dob: text,
  gender_cd: text,
  post_cd: text,
  caseload_id: int.nullable(),
});

const relationRow = z.object({ pat_id: int, rel_pat_id: int, rel_cd: text });

const involvementRow = z.object({
  pat_id: int,
  pat_type: z.string(),
  dob: text,
  reg_dt: text,
  team_name: text,
  named_hv: text,
  team_phone: text,
});

const attendedRow = z.object({ pat_id: int, contact_dt: text });

/** Counts of values that could not be read, by field; logged as counts, never as values. */
class Unreadable {
  private readonly counts = new Map<string, number>();
  add(field: string): void {
    this.counts.set(field, (this.counts.get(field) ?? 0) + 1);
  }
  report(logger: Logger | undefined, event: string): void {
    if (this.counts.size > 0)
      logger?.warn(event, { agency: "health-visiting", unreadable: Object.fromEntries(this.counts) });
  }
}

function byDate<T extends { date: string }>(a: T, b: T): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/**
 * A child's date of birth as keyed ('1/2/2024', ' 01/02/2024'), with every character but digits
 * and '/' removed, as 'YYYYMMDD' text: the expression of the hv_child_by_sector and
 * hv_child_by_birth indexes (health-visiting schema), written the same, so that a span of births is
 * a range of either. parseLegacyDate reads only ASCII digits and '/' once trimmed (of any
 * whitespace JavaScript knows, a non-breaking space or a byte-order mark among it), so for every
 * date it reads this is that date without its dashes, whatever the database's locale; what does
 * not read falls anywhere, and is dropped in code (withinSpans).
 */
const BIRTH_KEY = `(split_part(regexp_replace(p.dob, '[^0-9/]', '', 'g'), '/', 3)
    || lpad(split_part(regexp_replace(p.dob, '[^0-9/]', '', 'g'), '/', 2), 2, '0')
    || lpad(split_part(regexp_replace(p.dob, '[^0-9/]', '', 'g'), '/', 1), 2, '0'))`;

/** `bornIn` as an SQL condition on BIRTH_KEY, its parameters numbered from `first`. */
function bornInSql(bornIn: readonly DateSpan[], first: number): { sql: string; params: string[] } {
  const key = (d: IsoDate) => d.replace(/-/g, "");
  return {
    sql: `(${bornIn.map((_, i) => `${BIRTH_KEY} BETWEEN $${first + 2 * i}::text AND $${first + 2 * i + 1}::text`).join(" OR ")})`,
    params: bornIn.flatMap((s) => [key(s.from), key(s.to)]),
  };
}

export class PostgresHealthVisitingSource implements HealthVisitingSource {
  constructor(
    private readonly db: Db,
    private readonly logger?: Logger,
  ) {}

  /** One query under the kit's bad-row policy: the system down or a bad row fails the read. */
  private rows<S extends z.ZodType>(schema: S, sql: string, params: readonly unknown[] = []): Promise<z.output<S>[]> {
    return queryRows(this.db, "health-visiting", schema, sql, params);
  }

  /** The same for a read of many rows: handed over as one JSON value, in `orderBy`. */
  private manyRows<S extends z.ZodObject<z.ZodRawShape>>(
    schema: S,
    sql: string,
    params: readonly unknown[],
    orderBy: string,
  ): Promise<z.output<S>[]> {
    return queryRowsAsJson(this.db, "health-visiting", schema, sql, params, orderBy);
  }

  /**
   * At most three queries for any number of ids: patients with their caseload, the mothers of
   * the children among them, and the contacts of all of those.
   */
  async patientsByLocalIds(localIds: readonly string[]): Promise<(HvPatient | null)[]> {
    const patIds = [...new Set(localIds.map(patIdFromLocalId).filter((n): n is number => n !== null))];
    if (patIds.length === 0) return localIds.map(() => null);
    const found = await this.patientsWhere("p.pat_id = ANY($1::int[])", [patIds]);
    return byKey(localIds, found, (p) => p.localId);
  }

  /**
   * The same three queries for a whole set of postcode sectors and spans of births. The sector is
   * compared in SQL on the postcode as keyed, without spaces and upper-cased ('dy1 4qt' and
   * 'DY14QT' are both in 'DY1 4'), and the date of birth as BIRTH_KEY, so only the children asked
   * for are read (through hv_child_by_sector); each is then placed exactly by its normalised
   * postcode, as the identity feed gives it to family-index, and its date of birth read as
   * everywhere else.
   */
  async childrenInSectors(sectors: readonly string[], bornIn: readonly DateSpan[]): Promise<HvPatient[]> {
    if (sectors.length === 0 || bornIn.length === 0) return [];
    const wanted = new Set(sectors);
    const births = bornInSql(bornIn, 2);
    const found = await this.patientsWhere(
      `p.pat_type = 'C' AND left(upper(regexp_replace(p.post_cd, '\\s', '', 'g')), -2) = ANY($1::text[]) AND ${births.sql}`,
      [[...wanted].map((s) => s.replace(" ", "")), ...births.params],
    );
    return found.filter(
      (p) => p.postcode !== null && wanted.has(sectorOf(p.postcode) ?? "") && withinSpans(p.dateOfBirth, bornIn),
    );
  }

  /**
   * The safeguarding list's events: each child's mandated review that became overdue from `from`
   * to `to` (its due-by date passed with no review done, and it is still overdue on `to`, or on
   * `asOf` if earlier), by the same schedule as Person.healthVisiting. Only the children born when
   * a review's due-by date falls the day before the period or in it (about five weeks of births
   * for a week, through hv_child_by_birth) are read, with the same three queries as a person's
   * record.
   */
  async events(from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<AgencyEvent[]> {
    const until = to < asOf ? to : asOf;
    // A review becomes overdue the day after its due-by date.
    const bornIn = birthsWith(
      MANDATED_REVIEW_SCHEDULE.map((e) => e.review),
      { date: "dueBy", day: addDays(from, -1) },
      { date: "dueBy", day: addDays(until, -1) },
    );
    if (bornIn.length === 0) return [];
    const births = bornInSql(bornIn, 1);
    const children = await this.patientsWhere(`p.pat_type = 'C' AND ${births.sql}`, births.params);
    return reviewsBecameOverdue(
      children.filter((c) => withinSpans(c.dateOfBirth, bornIn)),
      from,
      until,
    );
  }

  /** Patients matching `where` (over hv_patient p), each with caseload, contacts and mothers' antenatal contacts, in pat_id order. */
  private async patientsWhere(where: string, params: readonly unknown[]): Promise<HvPatient[]> {
    const unreadable = new Unreadable();

    const patients = await this.manyRows(
      patientRow,
      `SELECT p.pat_id, p.pat_type, p.dob, p.edd, p.reg_dt, p.post_cd, c.team_name, c.named_hv, c.hv_base
         FROM hv_patient p LEFT JOIN hv_caseload c ON c.caseload_id = p.caseload_id
        WHERE ${where}`,
      params,
      "pat_id",
    );
    const clientTypes = new Map<number, HealthVisitingClientType>();
    for (const p of patients) {
      const type = clientTypeFromCode(p.pat_type);
      if (type === null) unreadable.add("pat_type");
      // An unknown patient type lists no reviews rather than claiming any are due.
      clientTypes.set(p.pat_id, type ?? HealthVisitingClientType.PARENT_OR_CARER);
    }

    const childIds = patients
      .filter((p) => clientTypes.get(p.pat_id) === HealthVisitingClientType.CHILD)
      .map((p) => p.pat_id);
    const mothers =
      childIds.length === 0
        ? []
        : await this.manyRows(
            motherRow,
            `SELECT pat_id AS mother_id, rel_pat_id AS child_id FROM hv_family_rel
              WHERE rel_pat_id = ANY($1::int[]) AND rel_cd = 'MTH'`,
            [childIds],
            "child_id, mother_id",
          );

    const contactPatIds = [...new Set([...patients.map((p) => p.pat_id), ...mothers.map((m) => m.mother_id)])];
    const contactRows =
      contactPatIds.length === 0
        ? []
        : await this.manyRows(
            contactRow,
            `SELECT pat_id, contact_id, contact_dt, contact_type_cd, outcome_cd, bf_status_cd, asq3_cd
               FROM hv_contact WHERE pat_id = ANY($1::int[])`,
            [contactPatIds],
            "pat_id, contact_id",
          );
    // A contact is its date: one that does not read breaks the row, and the read fails rather than drop it.
    const undated = contactRows.filter((r) => parseLegacyDate(r.contact_dt) === null).length;
    if (undated > 0) throw new AgencyRowsInvalid("health-visiting", undated, ["contact_dt"]);
    const contactsOf = new Map<number, HvContact[]>();
    for (const r of contactRows) {
      const date = parseLegacyDate(r.contact_dt) as string;
      const list = contactsOf.get(r.pat_id) ?? [];
      list.push({
        date,
        type: contactTypeFromCode(r.contact_type_cd),
        outcome: contactOutcomeFromCode(r.outcome_cd),
        breastfeeding: breastfeedingFromCode(r.bf_status_cd),
        asq3Completed: asq3FromCode(r.asq3_cd),
      });
      contactsOf.set(r.pat_id, list);
    }
    for (const list of contactsOf.values()) list.sort(byDate);

    const mothersOf = new Map<number, number[]>();
    for (const m of mothers) mothersOf.set(m.child_id, [...(mothersOf.get(m.child_id) ?? []), m.mother_id]);

    const found = patients.map((p): HvPatient => {
      const dateOfBirth = parseLegacyDate(p.dob);
      if (dateOfBirth === null) unreadable.add("dob");
      const expectedDeliveryDate = parseLegacyDate(p.edd);
      if (p.edd !== null && p.edd.trim() !== "" && expectedDeliveryDate === null) unreadable.add("edd");
      const onCaseloadSince = parseLegacyDate(p.reg_dt);
      if (onCaseloadSince === null) unreadable.add("reg_dt");
      const clientType = clientTypes.get(p.pat_id) ?? HealthVisitingClientType.PARENT_OR_CARER;
      const mothersAntenatalContacts =
        clientType === HealthVisitingClientType.CHILD
          ? (mothersOf.get(p.pat_id) ?? [])
              .flatMap((motherId) => contactsOf.get(motherId) ?? [])
              .filter((c) => c.type === HealthVisitingContactType.ANTENATAL)
              .sort(byDate)
          : [];
      return {
        localId: String(p.pat_id),
        postcode: normalisePostcode(p.post_cd),
        clientType,
        dateOfBirth,
        expectedDeliveryDate,
        onCaseloadSince,
        caseload:
          p.team_name === null || p.named_hv === null
            ? null
            : { team: p.team_name.trim(), namedHealthVisitor: p.named_hv.trim(), base: nameAsHeld(p.hv_base) },
        contacts: contactsOf.get(p.pat_id) ?? [],
        mothersAntenatalContacts,
      };
    });
    unreadable.report(this.logger, "hv.unreadable_values");
    return found;
  }

  /**
   * Two queries for any number of ids: the patients with their caseload, and their attended
   * contacts (the last on or before `asOf`). CURRENT: a child under five on a caseload, or an attended contact in the last 12
   * months (a parent, an expectant mother); HISTORIC otherwise.
   */
  async involvements(localIds: readonly string[], asOf: IsoDate): Promise<(AgencyInvolvement | null)[]> {
    const patIds = [...new Set(localIds.map(patIdFromLocalId).filter((n): n is number => n !== null))];
    if (patIds.length === 0) return localIds.map(() => null);
    const patients = await this.rows(
      involvementRow,
      `SELECT p.pat_id, p.pat_type, p.dob, p.reg_dt, c.team_name, c.named_hv, c.team_phone
         FROM hv_patient p LEFT JOIN hv_caseload c ON c.caseload_id = p.caseload_id
        WHERE p.pat_id = ANY($1::int[])`,
      [patIds],
    );
    const attended = await this.rows(
      attendedRow,
      `SELECT pat_id, contact_dt FROM hv_contact WHERE pat_id = ANY($1::int[]) AND outcome_cd = 'ATT'`,
      [patIds],
    );
    const undated = attended.filter((r) => parseLegacyDate(r.contact_dt) === null).length;
    if (undated > 0) throw new AgencyRowsInvalid("health-visiting", undated, ["contact_dt"]);
    const contactDates = new Map<number, IsoDate[]>();
    for (const r of attended)
      contactDates.set(r.pat_id, [...(contactDates.get(r.pat_id) ?? []), parseLegacyDate(r.contact_dt)!]);
    const found = patients.map((p): AgencyInvolvement => {
      const lastContactOn = latestOf((contactDates.get(p.pat_id) ?? []).filter((d) => d <= asOf));
      const dateOfBirth = parseLegacyDate(p.dob);
      const onCaseload = p.named_hv !== null && p.team_name !== null;
      const childUnderFive =
        clientTypeFromCode(p.pat_type) === HealthVisitingClientType.CHILD &&
        dateOfBirth !== null &&
        ageInYears(dateOfBirth, asOf) < 5;
      return {
        localId: String(p.pat_id),
        status: (onCaseload && childUnderFive) || withinMonths(lastContactOn, asOf, 12) ? "CURRENT" : "HISTORIC",
        leadPractitioner: onCaseload
          ? {
              name: p.named_hv!.trim(),
              role: "Health visitor",
              team: p.team_name!.trim(),
              phone: nameAsHeld(p.team_phone),
            }
          : null,
        since: parseLegacyDate(p.reg_dt),
        lastContactOn,
      };
    });
    return byKey(localIds, found, (i) => i.localId);
  }

  /**
   * Patients in pat_id order after `after` (a pat_id as a decimal string). Relations come from
   * hv_family_rel, which links an adult (pat_id) to a child (rel_pat_id): on the child's record
   * the adult is MOTHER, FATHER, SECOND_PARENT or CARER; on the adult's record the child is CHILD.
   */
  async identityFeed(after: string | null, limit: number): Promise<IdentityRecord[]> {
    const afterId = after === null ? null : patIdFromLocalId(after);
    if (after !== null && afterId === null)
      throw new RangeError("the identity feed cursor is not a health visiting local id");
    return this.identityOf(
      afterId === null ? "" : "WHERE pat_id > $2::int",
      afterId === null ? [limit] : [limit, afterId],
    );
  }

  async identityRecords(localIds: readonly string[]): Promise<IdentityRecord[]> {
    // An id that is not a patient number cannot be held.
    const ids = localIds.map(patIdFromLocalId).filter((id): id is number => id !== null);
    if (ids.length === 0) return [];
    return this.identityOf("WHERE pat_id = ANY($2::int[])", [ids.length, ids]);
  }

  private async identityOf(where: string, params: readonly unknown[]): Promise<IdentityRecord[]> {
    const rows = await this.rows(
      identityRow,
      `SELECT pat_id, nhs_no, forename, surname, dob, gender_cd, post_cd, caseload_id FROM hv_patient
        ${where}
        ORDER BY pat_id
        LIMIT $1::int`,
      params,
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.pat_id);
    const relations = await this.rows(
      relationRow,
      `SELECT pat_id, rel_pat_id, rel_cd FROM hv_family_rel
        WHERE pat_id = ANY($1::int[]) OR rel_pat_id = ANY($1::int[])
        ORDER BY pat_id, rel_pat_id`,
      [ids],
    );
    const unreadable = new Unreadable();
    const relationsOf = new Map<number, IdentityRelation[]>();
    const add = (patId: number, relation: IdentityRelation) => {
      const list = relationsOf.get(patId) ?? [];
      list.push(relation);
      relationsOf.set(patId, list);
    };
    for (const r of relations) {
      const relationship = relationshipFromCode(r.rel_cd);
      if (relationship === null) unreadable.add("rel_cd");
      // The table always links an adult to a child; an unknown code is still someone caring for the child.
      add(r.rel_pat_id, { localId: String(r.pat_id), relationship: relationship ?? "CARER" });
      add(r.pat_id, { localId: String(r.rel_pat_id), relationship: "CHILD" });
    }
    const records = rows.map((r): IdentityRecord => {
      const dateOfBirth = parseLegacyDate(r.dob);
      if (dateOfBirth === null) unreadable.add("dob");
      const nhsNumber = nhsDigits(r.nhs_no);
      if (nhsNumber === null && r.nhs_no !== null && r.nhs_no.trim() !== "") unreadable.add("nhs_no");
      const sex = sexFromGenderCode(r.gender_cd);
      if (sex === null) unreadable.add("gender_cd");
      return {
        localId: String(r.pat_id),
        nhsNumber,
        givenName: nameAsHeld(r.forename),
        familyName: nameAsHeld(r.surname),
        dateOfBirth,
        sex,
        postcode: normalisePostcode(r.post_cd),
        relations: relationsOf.get(r.pat_id) ?? [],
        householdId: null,
        // The caseload holding the patient: a health visitor holding it has a relationship with the family.
        careUnit: r.caseload_id === null ? null : careUnit("hv-caseload", String(r.caseload_id)),
      };
    });
    unreadable.report(this.logger, "identity_feed.unreadable_values");
    return records;
  }
}
