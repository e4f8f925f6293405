import {
  byKey,
  careUnit,
  latestOf,
  type AgencyEvent,
  type AgencyInvolvement,
  type IsoDate,
  isIsoDate,
  normaliseNhsNumber,
  normalisePostcode,
  queryRows,
  type Db,
  type IdentityRecord,
} from "@ffd/shared";
import { z } from "zod";
import {
  ABUSE_CATEGORIES,
  EPISODE_TYPES,
  isoOfCscDate,
  LEGAL_STATUSES,
  PRIMARY_NEEDS,
} from "./childrens-social-care.codes";
import {
  SafeguardingFlagType,
  type ChildrensSocialCareSource,
  type Episode,
  type SocialCareClient,
} from "./childrens-social-care.port";

/** A flag's start, in the words CP-IS shares it with: the safeguarding list's summary, no detail of the plan. */
const FLAG_STARTED: Readonly<Record<SafeguardingFlagType, string>> = {
  [SafeguardingFlagType.CHILD_PROTECTION_PLAN]: "Child protection plan started",
  [SafeguardingFlagType.UNBORN_CHILD_PROTECTION_PLAN]: "Unborn child protection plan started",
  [SafeguardingFlagType.LOOKED_AFTER]: "Started to be looked after",
  [SafeguardingFlagType.CHILD_IN_NEED]: "Child in need episode started",
};
/** The system's 'YYYYMMDD' text of an ISO date. */
const cscDateOf = (iso: IsoDate) => iso.replace(/-/g, "");

/**
 * The one adapter over the children's social care case management system (tables `csc_client`,
 * `csc_worker`, `csc_episode`, `csc_cp_review`), for a real PostgreSQL server or PGlite.
 * Read-only. A batch is one query per table whatever its size; every row is checked against the
 * system's contract under the agency kit's one bad-row policy (a bad row fails the whole read as
 * AGENCY_UNAVAILABLE, its columns logged without values), never left out silently.
 */

const trimmed = z.string().transform((s) => s.trim());
const optionalText = z
  .string()
  .nullable()
  .transform((s) => (s === null || s.trim() === "" ? null : s.trim()));
/** The system's 'YYYYMMDD' text, as an ISO date; anything else breaks its contract. */
const cscDate = trimmed.pipe(
  z
    .string()
    .regex(/^\d{8}$/)
    .transform(isoOfCscDate)
    .refine(isIsoDate, "not a calendar date"),
);
/** Blank while an episode is open. */
const optionalCscDate = z
  .string()
  .nullable()
  .transform((s) => s?.trim() || null)
  .pipe(cscDate.nullable());
const code = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .nullable()
    .transform((s) => s?.trim().toUpperCase() || null)
    .pipe(z.enum(values).nullable());
const codesOf = <T extends object>(o: T) => Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];

const clientRow = z.object({
  client_no: trimmed,
  wkr_name: optionalText,
  wkr_team: optionalText,
  wkr_phone: optionalText,
});

const episodeRow = z
  .object({
    episode_id: z.number().int(),
    client_no: trimmed,
    episode_typ: code(codesOf(EPISODE_TYPES)).pipe(z.enum(codesOf(EPISODE_TYPES))),
    start_dt: cscDate,
    end_dt: optionalCscDate,
    abuse_cat: code(codesOf(ABUSE_CATEGORIES)),
    need_cd: code(codesOf(PRIMARY_NEEDS)),
    legal_status: code(codesOf(LEGAL_STATUSES)),
  })
  // An episode cannot end before it starts: the system's own rule, in the end date's column.
  .superRefine((row, ctx) => {
    if (row.end_dt !== null && row.end_dt < row.start_dt)
      ctx.addIssue({ code: "custom", path: ["end_dt"], message: "ends before it starts" });
  });

const reviewRow = z.object({ episode_id: z.number().int(), review_dt: cscDate });

const identityRow = z.object({
  client_no: trimmed,
  forename: optionalText,
  surname: optionalText,
  birth_dt: optionalCscDate,
  gender_cd: code(["M", "F", "U"]),
  nhs_no: optionalText,
  postcode: optionalText,
  alloc_wkr_id: z.number().int().nullable(),
});

function episodeOf(row: z.output<typeof episodeRow>, reviews: string[]): Episode {
  return {
    id: String(row.episode_id),
    type: EPISODE_TYPES[row.episode_typ],
    startedOn: row.start_dt,
    endedOn: row.end_dt,
    categoryOfAbuse: row.abuse_cat === null ? null : ABUSE_CATEGORIES[row.abuse_cat],
    reason:
      row.episode_typ === "CIN" && row.need_cd
        ? PRIMARY_NEEDS[row.need_cd]
        : row.episode_typ === "LAC" && row.legal_status
          ? LEGAL_STATUSES[row.legal_status]
          : null,
    reviews,
  };
}

/** Digits only when they make ten; anything else is not an NHS number. */
function nhsNumberOf(raw: string | null): string | null {
  if (raw === null) return null;
  const digits = normaliseNhsNumber(raw);
  return /^\d{10}$/.test(digits) ? digits : null;
}

export class PostgresChildrensSocialCareSource implements ChildrensSocialCareSource {
  constructor(private readonly db: Db) {}

  /**
   * The clients' involvement, from the same read as `clients` (one query per table): CURRENT while
   * an episode (in need, a plan, looked after) is open on `asOf`, HISTORIC otherwise. The lead
   * practitioner is the allocated social worker; since is the start of the open episodes (of all,
   * when none is open); the last contact the latest review conference, episode start or end.
   * Nothing of a plan's detail.
   */
  async involvements(clientNos: readonly string[], asOf: IsoDate): Promise<(AgencyInvolvement | null)[]> {
    const clients = await this.clients(clientNos);
    const found = clients.flatMap((client): AgencyInvolvement[] => {
      if (!client) return [];
      const episodes = client.episodes.filter((e) => e.startedOn <= asOf);
      const open = episodes.filter((e) => e.endedOn === null || e.endedOn >= asOf);
      const worker = client.socialWorker;
      return [
        {
          localId: client.clientNo,
          status: open.length > 0 ? "CURRENT" : "HISTORIC",
          leadPractitioner: worker && {
            name: worker.name,
            role: "Social worker",
            team: worker.team,
            phone: worker.phone,
          },
          since: (open.length > 0 ? open : episodes)[0]?.startedOn ?? null,
          lastContactOn: latestOf(
            episodes
              .flatMap((e) => [e.startedOn, e.endedOn, ...e.reviews])
              .filter((d): d is IsoDate => d !== null && d <= asOf),
          ),
        },
      ];
    });
    return byKey(clientNos, found, (i) => i.localId);
  }

  /**
   * The safeguarding list's events: each flag (episode) that started from `from` to `to`, by its
   * client, in one query; its kind and start only (CP-IS's summary), never its category, need or
   * legal status.
   */
  async events(from: IsoDate, to: IsoDate): Promise<AgencyEvent[]> {
    const episodes = await queryRows(
      this.db,
      "childrens-social-care",
      episodeRow,
      `SELECT episode_id, client_no, episode_typ, start_dt, end_dt, abuse_cat, need_cd, legal_status
         FROM csc_episode WHERE start_dt BETWEEN $1 AND $2 ORDER BY start_dt, episode_id`,
      [cscDateOf(from), cscDateOf(to)],
    );
    return episodes.map((e) => ({
      localId: e.client_no,
      kind: "SOCIAL_CARE_FLAG_STARTED",
      on: e.start_dt,
      summary: FLAG_STARTED[EPISODE_TYPES[e.episode_typ]],
    }));
  }

  async clients(clientNos: readonly string[]): Promise<(SocialCareClient | null)[]> {
    if (clientNos.length === 0) return [];
    const keys = [...new Set(clientNos)];
    const clients = await queryRows(
      this.db,
      "childrens-social-care",
      clientRow,
      `SELECT c.client_no, w.wkr_name, w.wkr_team, w.wkr_phone
         FROM csc_client c LEFT JOIN csc_worker w ON w.wkr_id = c.alloc_wkr_id
        WHERE c.client_no = ANY($1::varchar[])`,
      [keys],
    );
    const episodes = await queryRows(
      this.db,
      "childrens-social-care",
      episodeRow,
      `SELECT episode_id, client_no, episode_typ, start_dt, end_dt, abuse_cat, need_cd, legal_status
         FROM csc_episode WHERE client_no = ANY($1::varchar[]) ORDER BY start_dt, episode_id`,
      [keys],
    );
    const reviews = episodes.length
      ? await queryRows(
          this.db,
          "childrens-social-care",
          reviewRow,
          `SELECT episode_id, review_dt FROM csc_cp_review WHERE episode_id = ANY($1::int[]) ORDER BY review_dt`,
          [episodes.map((e) => e.episode_id)],
        )
      : [];
    const reviewsOf = new Map<number, string[]>();
    for (const r of reviews) reviewsOf.set(r.episode_id, [...(reviewsOf.get(r.episode_id) ?? []), r.review_dt]);
    const episodesOf = new Map<string, Episode[]>();
    for (const e of episodes)
      episodesOf.set(e.client_no, [
        ...(episodesOf.get(e.client_no) ?? []),
        episodeOf(e, reviewsOf.get(e.episode_id) ?? []),
      ]);
    const byNo = new Map<string, SocialCareClient>(
      clients.map((c) => [
        c.client_no,
        {
          clientNo: c.client_no,
          socialWorker:
            c.wkr_name && c.wkr_team && c.wkr_phone ? { name: c.wkr_name, team: c.wkr_team, phone: c.wkr_phone } : null,
          episodes: episodesOf.get(c.client_no) ?? [],
        },
      ]),
    );
    return clientNos.map((n) => byNo.get(n) ?? null);
  }

  /**
   * Every client in client number order. The care unit is the allocated social worker's
   * caseload (`csc-caseload:<worker id>`), for a social worker's legitimate relationship.
   */
  async identityFeed(after: string | null, limit: number): Promise<IdentityRecord[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a positive whole number");
    return this.identityRows(after === null ? "" : "WHERE client_no > $2", after === null ? [limit] : [limit, after]);
  }

  async identityRecords(localIds: readonly string[]): Promise<IdentityRecord[]> {
    if (localIds.length === 0) return [];
    return this.identityRows("WHERE client_no = ANY($2::text[])", [localIds.length, localIds]);
  }

  private async identityRows(where: string, params: readonly unknown[]): Promise<IdentityRecord[]> {
    const rows = await queryRows(
      this.db,
      "childrens-social-care",
      identityRow,
      `SELECT client_no, forename, surname, birth_dt, gender_cd, nhs_no, postcode, alloc_wkr_id
         FROM csc_client ${where}
        ORDER BY client_no LIMIT $1`,
      params,
    );
    return rows.map((r) => ({
      localId: r.client_no,
      nhsNumber: nhsNumberOf(r.nhs_no),
      givenName: r.forename,
      familyName: r.surname,
      dateOfBirth: r.birth_dt,
      sex: r.gender_cd === "M" ? "MALE" : r.gender_cd === "F" ? "FEMALE" : r.gender_cd === "U" ? "UNKNOWN" : null,
      postcode: normalisePostcode(r.postcode),
      relations: [],
      careUnit: r.alloc_wkr_id === null ? null : careUnit("csc-caseload", String(r.alloc_wkr_id)),
    }));
  }
}
