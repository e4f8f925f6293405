import {
  byKey,
  withinMonths,
  type AgencyInvolvement,
  careUnit,
  groupByKey,
  isIsoDate,
  normaliseNhsNumber,
  normalisePostcode,
  queryRows,
  type Db,
  type IdentityRecord,
  type IdentityRelation,
  type IsoDate,
  type SexCode,
} from "@ffd/shared";
import { z } from "zod";
import {
  type AttendedSession,
  type Centre,
  type CentreHousehold,
  type CentreMember,
  type CentreMemberRole,
  type ChildrensCentresSource,
} from "./childrens-centres.port";

/*
 * The one adapter over the centres' case system (cc_* tables, see
 * borough/src/agencies/childrens-centres.schema.ts). Rows are validated here and translated
 * to domain values: midnight timestamps become ISO dates, 'Y'/'N' becomes a boolean,
 * 'Male'/'Female' becomes the shared sex code, postcodes are normalised in form. Rows follow
 * the agency kit's one bad-row policy: a row that breaks the system's contract fails the whole
 * read as AGENCY_UNAVAILABLE (count and columns logged, never values); none is left out.
 */

/**
 * A calendar date. Dates and timestamps are read with to_char(..., 'YYYY-MM-DD'), so that no
 * server DateStyle can change their form; a midnight timestamp is read as its date.
 */
const calendarDate = z
  .string()
  .refine(isIsoDate, "not a YYYY-MM-DD date")
  .transform((s): IsoDate => s);
const optionalText = z
  .string()
  .nullable()
  .transform((s) => (s === null || s.trim() === "" ? null : s.trim()));
const role = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.enum(["CARER", "CHILD"]));

const memberRow = z.object({
  member_ref: z.string(),
  hh_ref: z.string(),
  first_name: optionalText,
  last_name: optionalText,
  date_of_birth: calendarDate.nullable(),
  gender: z.string().nullable(),
  member_role: role,
  relationship: optionalText,
  nhs_num: z.string().nullable(),
});
type MemberRow = z.infer<typeof memberRow>;

const householdRow = z.object({
  hh_ref: z.string(),
  centre_code: z.string(),
  addr_line_1: optionalText,
  addr_town: optionalText,
  postcode: z.string().nullable(),
  date_registered: calendarDate,
  consent_share: z.string(),
});

const centreRow = z.object({
  centre_code: z.string(),
  centre_name: z.string(),
  cluster_name: z.string(),
  locality_name: z.string(),
  postcode: z.string(),
  in_most_deprived_30pct: z.boolean(),
});

const attendanceRow = z.object({
  member_ref: z.string(),
  session_id: z.coerce.number().int(),
  session_date: calendarDate,
  activity: z.string(),
  centre_code: z.string(),
});

const identityRow = memberRow.extend({ hh_postcode: z.string().nullable(), hh_centre_code: z.string() });
const coMemberRow = z.object({ member_ref: z.string(), hh_ref: z.string(), member_role: role });

/** 'Male' and 'Female' as the centres record them; anything else, or nothing, is UNKNOWN. */
export function sexFromGender(gender: string | null): SexCode {
  switch (gender?.trim().toLowerCase()) {
    case "male":
      return "MALE";
    case "female":
      return "FEMALE";
    default:
      return "UNKNOWN";
  }
}

/** Digits only; null when nothing, or something that is not a number, was recorded. */
export function nhsDigits(raw: string | null): string | null {
  if (raw === null) return null;
  const digits = normaliseNhsNumber(raw.trim());
  return /^\d+$/.test(digits) ? digits : null;
}

/** Consent to share with partners must have been recorded as 'Y'. */
export function consentFromFlag(flag: string): boolean {
  return flag.trim().toUpperCase() === "Y";
}

function toMember(r: MemberRow): CentreMember {
  return {
    memberRef: r.member_ref,
    householdRef: r.hh_ref,
    role: r.member_role,
    relationship: r.relationship,
    givenName: r.first_name,
    familyName: r.last_name,
    dateOfBirth: r.date_of_birth,
    sex: sexFromGender(r.gender),
    nhsNumber: nhsDigits(r.nhs_num),
  };
}

function toCentre(r: z.infer<typeof centreRow>): Centre {
  return {
    code: r.centre_code,
    name: r.centre_name,
    cluster: r.cluster_name,
    locality: r.locality_name,
    postcode: normalisePostcode(r.postcode) ?? r.postcode,
    inMostDeprived30Percent: r.in_most_deprived_30pct,
  };
}

const involvementRow = z.object({
  member_ref: z.string(),
  date_registered: calendarDate,
  key_worker: optionalText,
  centre_name: z.string(),
  centre_phone: optionalText,
  last_session: calendarDate.nullable(),
});

const MEMBER_COLUMNS = `m.member_ref, m.hh_ref, m.first_name, m.last_name, to_char(m.date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
       m.gender, m.member_role, m.relationship, m.nhs_num`;

export class PostgresChildrensCentresSource implements ChildrensCentresSource {
  constructor(private readonly db: Db) {}

  /** One query under the kit's bad-row policy: the system down or a bad row fails the read. */
  private rows<S extends z.ZodType>(schema: S, sql: string, params: readonly unknown[] = []): Promise<z.output<S>[]> {
    return queryRows(this.db, "childrens-centres", schema, sql, params);
  }

  async membersByRef(memberRefs: readonly string[]): Promise<(CentreMember | null)[]> {
    if (memberRefs.length === 0) return [];
    const rows = await this.rows(
      memberRow,
      `SELECT ${MEMBER_COLUMNS} FROM cc_member m WHERE m.member_ref = ANY($1::text[])`,
      [[...memberRefs]],
    );
    return byKey(memberRefs, rows.map(toMember), (m) => m.memberRef);
  }

  async householdsByRef(householdRefs: readonly string[]): Promise<(CentreHousehold | null)[]> {
    if (householdRefs.length === 0) return [];
    const rows = await this.rows(
      householdRow,
      `SELECT hh_ref, centre_code, addr_line_1, addr_town, postcode,
              to_char(date_registered, 'YYYY-MM-DD') AS date_registered, consent_share
         FROM cc_household WHERE hh_ref = ANY($1::text[])`,
      [[...householdRefs]],
    );
    const households = rows.map((r): CentreHousehold => ({
      reference: r.hh_ref,
      centreCode: r.centre_code,
      addressLine1: r.addr_line_1,
      town: r.addr_town,
      postcode: normalisePostcode(r.postcode),
      registeredOn: r.date_registered,
      consentToShare: consentFromFlag(r.consent_share),
    }));
    return byKey(householdRefs, households, (h) => h.reference);
  }

  async allCentres(): Promise<Centre[]> {
    const rows = await this.rows(
      centreRow,
      `SELECT centre_code, centre_name, cluster_name, locality_name, postcode, in_most_deprived_30pct
         FROM cc_centre ORDER BY centre_code`,
    );
    return rows.map(toCentre);
  }

  /**
   * One query for any number of members: each with its household's centre and key worker and
   * the last session the member attended on or before `asOf`. CURRENT: registered or at a
   * session in the last 12 months; HISTORIC otherwise.
   */
  async involvements(memberRefs: readonly string[], asOf: IsoDate): Promise<(AgencyInvolvement | null)[]> {
    if (memberRefs.length === 0) return [];
    const rows = await this.rows(
      involvementRow,
      `SELECT m.member_ref, to_char(h.date_registered, 'YYYY-MM-DD') AS date_registered, h.key_worker,
              c.centre_name, c.centre_phone,
              (SELECT to_char(max(s.session_date), 'YYYY-MM-DD')
                 FROM cc_attendance a JOIN cc_session s ON s.session_id = a.session_id
                WHERE a.member_ref = m.member_ref AND s.session_date <= $2::date) AS last_session
         FROM cc_member m JOIN cc_household h ON h.hh_ref = m.hh_ref JOIN cc_centre c ON c.centre_code = h.centre_code
        WHERE m.member_ref = ANY($1::text[])`,
      [[...memberRefs], asOf],
    );
    const found = rows.map((r): AgencyInvolvement => ({
      localId: r.member_ref,
      status:
        withinMonths(r.last_session, asOf, 12) || withinMonths(r.date_registered, asOf, 12) ? "CURRENT" : "HISTORIC",
      leadPractitioner: r.key_worker
        ? { name: r.key_worker, role: "Key worker", team: r.centre_name, phone: r.centre_phone }
        : null,
      since: r.date_registered,
      lastContactOn: r.last_session,
    }));
    return byKey(memberRefs, found, (i) => i.localId);
  }

  async attendanceByMember(memberRefs: readonly string[], asOf: IsoDate): Promise<AttendedSession[][]> {
    if (memberRefs.length === 0) return [];
    const rows = await this.rows(
      attendanceRow,
      `SELECT a.member_ref, s.session_id, to_char(s.session_date, 'YYYY-MM-DD') AS session_date, s.activity, s.centre_code
         FROM cc_attendance a JOIN cc_session s ON s.session_id = a.session_id
        WHERE a.member_ref = ANY($1::text[]) AND s.session_date <= $2::date
        ORDER BY s.session_date DESC, s.session_id DESC`,
      [[...memberRefs], asOf],
    );
    return groupByKey(memberRefs, rows, (r) => r.member_ref).map((list) =>
      list.map((r) => ({
        sessionId: r.session_id,
        date: r.session_date,
        activity: r.activity,
        centreCode: r.centre_code,
      })),
    );
  }

  /**
   * Members in member_ref order, after `after`. The centres do not record who is whose parent,
   * so relations are household roles: a child's carers are CARER, a carer's children CHILD. The
   * care unit is the centre the household is registered at.
   */
  async identityFeed(after: string | null, limit: number): Promise<IdentityRecord[]> {
    return this.identityOf(
      after === null ? "" : "WHERE m.member_ref > $2::text",
      after === null ? [limit] : [limit, after],
    );
  }

  async identityRecords(localIds: readonly string[]): Promise<IdentityRecord[]> {
    if (localIds.length === 0) return [];
    return this.identityOf("WHERE m.member_ref = ANY($2::text[])", [localIds.length, localIds]);
  }

  private async identityOf(where: string, params: readonly unknown[]): Promise<IdentityRecord[]> {
    const members = await this.rows(
      identityRow,
      `SELECT ${MEMBER_COLUMNS}, h.postcode AS hh_postcode, h.centre_code AS hh_centre_code
         FROM cc_member m JOIN cc_household h ON h.hh_ref = m.hh_ref
        ${where}
        ORDER BY m.member_ref
        LIMIT $1`,
      params,
    );
    if (members.length === 0) return [];
    const householdRefs = [...new Set(members.map((m) => m.hh_ref))];
    const coMembers = await this.rows(
      coMemberRow,
      `SELECT member_ref, hh_ref, member_role FROM cc_member WHERE hh_ref = ANY($1::text[]) ORDER BY member_ref`,
      [householdRefs],
    );
    const byHousehold = new Map<string, { member_ref: string; member_role: CentreMemberRole }[]>();
    for (const c of coMembers) {
      const list = byHousehold.get(c.hh_ref) ?? [];
      list.push(c);
      byHousehold.set(c.hh_ref, list);
    }
    return members.map((r) => {
      const member = toMember(r);
      const other: CentreMemberRole = member.role === "CHILD" ? "CARER" : "CHILD";
      const relations: IdentityRelation[] = (byHousehold.get(r.hh_ref) ?? [])
        .filter((c) => c.member_role === other && c.member_ref !== r.member_ref)
        .map((c) => ({ localId: c.member_ref, relationship: other }));
      return {
        localId: member.memberRef,
        nhsNumber: member.nhsNumber,
        givenName: member.givenName,
        familyName: member.familyName,
        dateOfBirth: member.dateOfBirth,
        sex: member.sex,
        postcode: normalisePostcode(r.hh_postcode),
        relations,
        householdId: member.householdRef,
        // The centre the household is registered at: its workers have a relationship with the family.
        careUnit: careUnit("centre", r.hh_centre_code),
      };
    });
  }
}
