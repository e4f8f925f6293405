import {
  isIsoDate,
  type AgencyEvent,
  type AgencyInvolvement,
  type IsoDate,
  normaliseNhsNumber,
  normalisePostcode,
  queryRows,
  Sex,
  type Db,
  type IdentityRecord,
} from "@ffd/shared";
import { z } from "zod";
import {
  daysFromBirthToRegistration,
  LEGAL_PERIOD_DAYS,
} from "../entities/birth-registration/birth-registration.rules";
import {
  formatEntryId,
  formatPersonLocalId,
  parsePersonLocalId,
  ROLE_ORDER,
  type EntryRef,
  type PersonRef,
} from "./registration.ids";
import { peopleOf } from "./registration.identity";
import {
  ParentKind,
  type BirthCountAtPostcode,
  type BirthEntry,
  type RegisteredParent,
  type RegistrationSource,
} from "./registration.port";

/**
 * The one adapter over the birth registration system (Registration Online shapes, table
 * `ron_birth_reg`), for a real PostgreSQL server or PGlite. Read-only. Codes and dates are
 * translated here, and every row is checked against the system's contract under the agency
 * kit's one bad-row policy: a row that breaks it fails the whole read (AGENCY_UNAVAILABLE, the
 * count and columns logged without their values), never left out silently.
 */

const COLUMNS = `
  reg_district, entry_no,
  to_char(date_of_reg, 'YYYY-MM-DD') AS date_of_reg,
  child_forenames, child_surname, child_sex,
  to_char(child_dob, 'YYYY-MM-DD') AS child_dob,
  place_of_birth, child_nhs_no,
  mother_forenames, mother_surname, mother_maiden_surname,
  to_char(mother_dob, 'YYYY-MM-DD') AS mother_dob,
  mother_usual_addr_postcode,
  parent2_type, parent2_forenames, parent2_surname,
  to_char(parent2_dob, 'YYYY-MM-DD') AS parent2_dob,
  informant_qual, reg_venue, reg_at_cc_ind, registrar_name`;

/** CHAR(n) columns come back blank-padded; empty means not recorded. */
const text = z.string().transform((s) => s.trim());
const optionalText = z
  .string()
  .nullable()
  .transform((s) => (s === null || s.trim() === "" ? null : s.trim()));
const requiredText = text.pipe(z.string().min(1));
const isoDate = z.string().refine(isIsoDate, "not a calendar date");
/** A code from the system's code set; blank counts as not recorded. */
const code = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .nullable()
    .transform((s) => s?.trim().toUpperCase() || null)
    .pipe(z.enum(values).nullable());

/** The child's sex (ONS codes): '1' male, '2' female, '0' not known, '9' not specified. */
const SEX_CODES = ["0", "1", "2", "9"] as const;

const rowSchema = z
  .object({
    reg_district: z.string(),
    entry_no: z.number().int(),
    date_of_reg: isoDate,
    child_forenames: requiredText,
    child_surname: requiredText,
    child_sex: code(SEX_CODES).pipe(z.enum(SEX_CODES)),
    child_dob: isoDate,
    place_of_birth: requiredText,
    child_nhs_no: optionalText,
    mother_forenames: requiredText,
    mother_surname: requiredText,
    mother_maiden_surname: optionalText,
    mother_dob: isoDate,
    mother_usual_addr_postcode: optionalText,
    parent2_type: code(["F", "P"]),
    parent2_forenames: optionalText,
    parent2_surname: optionalText,
    parent2_dob: isoDate.nullable(),
    informant_qual: requiredText,
    reg_venue: requiredText,
    reg_at_cc_ind: code(["Y", "N"]).pipe(z.enum(["Y", "N"])),
    registrar_name: z
      .string()
      .nullable()
      .transform((s) => s?.trim() || null),
  })
  // A second parent's type without their names breaks the entry's contract, in the names' columns.
  .superRefine((row, ctx) => {
    if (row.parent2_type === null) return;
    for (const column of ["parent2_forenames", "parent2_surname"] as const) {
      if (row[column] === null)
        ctx.addIssue({ code: "custom", path: [column], message: "a second parent without names" });
    }
  });
type Row = z.infer<typeof rowSchema>;

/** A count of births by postcode and venue, checked as an entry's columns are. */
const countSchema = z.object({
  mother_usual_addr_postcode: optionalText,
  reg_at_cc_ind: code(["Y", "N"]).pipe(z.enum(["Y", "N"])),
  births: z.number().int().min(0),
});

/** '1' male, '2' female; '0' (not known) and '9' (not specified) were not stated. */
function sexOf(childSex: (typeof SEX_CODES)[number]): Sex {
  return childSex === "1" ? Sex.MALE : childSex === "2" ? Sex.FEMALE : Sex.UNKNOWN;
}

/** The entry's digits if they make ten digits; anything else is not an NHS number. */
function nhsNumberOf(raw: string | null): string | null {
  if (raw === null) return null;
  const digits = normaliseNhsNumber(raw);
  return /^\d{10}$/.test(digits) ? digits : null;
}

/** The second parent of a checked row (whose contract says a second parent has names). */
function secondParentOf(row: Row): RegisteredParent | null {
  if (row.parent2_type === null || row.parent2_forenames === null || row.parent2_surname === null) return null;
  return {
    kind: row.parent2_type === "F" ? ParentKind.FATHER : ParentKind.SECOND_FEMALE_PARENT,
    forenames: row.parent2_forenames,
    surname: row.parent2_surname,
    maidenSurname: null,
    dateOfBirth: row.parent2_dob,
  };
}

/** Translates one row checked against the system's contract. */
function entryOf(row: Row): BirthEntry {
  return {
    id: formatEntryId({ district: row.reg_district, entryNumber: row.entry_no }),
    district: row.reg_district,
    entryNumber: row.entry_no,
    registeredOn: row.date_of_reg,
    registeredAtChildrensCentre: row.reg_at_cc_ind === "Y",
    venue: row.reg_venue,
    registrar: row.registrar_name,
    placeOfBirth: row.place_of_birth,
    informant: row.informant_qual,
    child: {
      forenames: row.child_forenames,
      surname: row.child_surname,
      sex: sexOf(row.child_sex),
      dateOfBirth: row.child_dob,
      nhsNumber: nhsNumberOf(row.child_nhs_no),
    },
    mother: {
      kind: ParentKind.MOTHER,
      forenames: row.mother_forenames,
      surname: row.mother_surname,
      maidenSurname: row.mother_maiden_surname,
      dateOfBirth: row.mother_dob,
    },
    secondParent: secondParentOf(row),
    postcode: normalisePostcode(row.mother_usual_addr_postcode),
  };
}

export class PostgresRegistrationSource implements RegistrationSource {
  constructor(private readonly db: Db) {}

  /** One query, its rows checked and translated under the kit's bad-row policy. */
  private async entries(sql: string, params: readonly unknown[]): Promise<BirthEntry[]> {
    return (await queryRows(this.db, "registration", rowSchema, sql, params)).map(entryOf);
  }

  /** One query for the whole batch, whatever its size. */
  async entriesByRef(refs: readonly EntryRef[]): Promise<(BirthEntry | null)[]> {
    if (refs.length === 0) return [];
    const entries = await this.entries(
      `SELECT ${COLUMNS}
         FROM ron_birth_reg
        WHERE (reg_district, entry_no) IN (SELECT d, n FROM unnest($1::varchar[], $2::int[]) AS k(d, n))`,
      [refs.map((r) => r.district), refs.map((r) => r.entryNumber)],
    );
    const byId = new Map(entries.map((e) => [e.id, e]));
    return refs.map((r) => byId.get(formatEntryId(r)) ?? null);
  }

  /**
   * The 0-5 profile's births registered at a centre: the entries registered from `from` to `to`,
   * counted by postcode and venue in one query. Postcodes written differently (spacing, case) are
   * grouped apart by the database and summed here once normalised.
   */
  async birthCountsByPostcode(from: IsoDate, to: IsoDate): Promise<BirthCountAtPostcode[]> {
    const rows = await queryRows(
      this.db,
      "registration",
      countSchema,
      `SELECT mother_usual_addr_postcode, reg_at_cc_ind, count(*)::int AS births
         FROM ron_birth_reg
        WHERE date_of_reg BETWEEN $1::date AND $2::date
        GROUP BY mother_usual_addr_postcode, reg_at_cc_ind`,
      [from, to],
    );
    const counts = new Map<string, BirthCountAtPostcode>();
    for (const row of rows) {
      const postcode = normalisePostcode(row.mother_usual_addr_postcode);
      const atCentre = row.reg_at_cc_ind === "Y";
      const key = `${postcode ?? ""}|${atCentre}`;
      const count = counts.get(key) ?? { postcode, atCentre, births: 0 };
      count.births += row.births;
      counts.set(key, count);
    }
    return [...counts.values()];
  }

  /**
   * The safeguarding list's events: each birth registered from `from` to `to` more than the 42
   * days the law allows after it, by the child's record on the entry, in one query. Whether a
   * birth was registered in time, and when, is what the register's summary shows.
   */
  async events(from: IsoDate, to: IsoDate): Promise<AgencyEvent[]> {
    const entries = await this.entries(
      `SELECT ${COLUMNS} FROM ron_birth_reg
        WHERE date_of_reg BETWEEN $1::date AND $2::date AND date_of_reg - child_dob > $3
        ORDER BY date_of_reg, reg_district, entry_no`,
      [from, to, LEGAL_PERIOD_DAYS],
    );
    return entries.map((e) => ({
      localId: formatPersonLocalId({ district: e.district, entryNumber: e.entryNumber, role: "child" }),
      kind: "BIRTH_REGISTERED_LATE",
      on: e.registeredOn,
      summary: `Birth registered late: ${daysFromBirthToRegistration(e)} days after the birth (the law allows ${LEGAL_PERIOD_DAYS})`,
    }));
  }

  /**
   * The register's involvement with each person on an entry, from the entries (one query):
   * always HISTORIC, since a registration is one event and the register holds no ongoing work.
   * The lead practitioner is the registrar who signed the entry; since and the last contact are
   * the date registered.
   */
  async involvements(localIds: readonly string[], _asOf?: IsoDate): Promise<(AgencyInvolvement | null)[]> {
    const refs = localIds.map(parsePersonLocalId);
    const entries = await this.entriesByRef(refs.filter((r): r is PersonRef => r !== null));
    const byId = new Map(entries.flatMap((e) => (e ? [[e.id, e] as const] : [])));
    return refs.map((ref, i): AgencyInvolvement | null => {
      const entry = ref && byId.get(formatEntryId(ref));
      if (!entry || (ref.role === "parent2" && entry.secondParent === null)) return null;
      return {
        localId: localIds[i],
        status: "HISTORIC",
        leadPractitioner: entry.registrar
          ? { name: entry.registrar, role: "Registrar", team: `${entry.district} register office`, phone: null }
          : null,
        since: entry.registeredOn,
        lastContactOn: entry.registeredOn,
      };
    });
  }

  /** The people of these local ids, from one query for their entries; an id of no such person is left out. */
  async identityRecords(localIds: readonly string[]): Promise<IdentityRecord[]> {
    const wanted = new Set(localIds);
    const refs = localIds.map(parsePersonLocalId).filter((r): r is PersonRef => r !== null);
    const entries = await this.entriesByRef(refs);
    const seen = new Set<string>();
    const records: IdentityRecord[] = [];
    for (const entry of entries) {
      if (!entry || seen.has(entry.id)) continue;
      seen.add(entry.id);
      for (const { record } of peopleOf(entry)) if (wanted.has(record.localId)) records.push(record);
    }
    return records;
  }

  /**
   * Every person on every entry, ordered by (district, entry number, role: child, mother,
   * second parent). An entry yields two or three records, so a page may end inside an entry:
   * the next page starts at the cursor's entry and skips its roles up to the cursor's.
   * `limit + 1` entries are always enough (each entry after the cursor's yields at least two),
   * so a page is one query; the loop reads on only if they were not.
   */
  async identityFeed(after: string | null, limit: number): Promise<IdentityRecord[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a positive whole number");
    const cursor = after === null ? null : parsePersonLocalId(after);
    if (after !== null && cursor === null)
      throw new RangeError("the identity feed cursor is not a registration local id");

    const records: IdentityRecord[] = [];
    const batch = limit + 1;
    let from: { district: string; entryNumber: number; inclusive: boolean } | null = cursor
      ? { ...cursor, inclusive: true }
      : null;
    for (;;) {
      const entries = from
        ? await this.entries(
            `SELECT ${COLUMNS} FROM ron_birth_reg
              WHERE (reg_district, entry_no) ${from.inclusive ? ">=" : ">"} ($1::varchar, $2::int)
              ORDER BY reg_district, entry_no LIMIT $3`,
            [from.district, from.entryNumber, batch],
          )
        : await this.entries(`SELECT ${COLUMNS} FROM ron_birth_reg ORDER BY reg_district, entry_no LIMIT $1`, [batch]);

      for (const entry of entries) {
        const atCursor =
          cursor !== null && entry.district === cursor.district && entry.entryNumber === cursor.entryNumber;
        for (const { role, record } of peopleOf(entry)) {
          if (atCursor && ROLE_ORDER[role] <= ROLE_ORDER[cursor.role]) continue;
          records.push(record);
          if (records.length === limit) return records;
        }
      }
      if (entries.length < batch) return records;
      const last = entries[entries.length - 1];
      from = { district: last.district, entryNumber: last.entryNumber, inclusive: false };
    }
  }
}
