import { AGENCIES, byKey, groupByKey, type Agency, type Db, type SexCode } from "@ffd/shared";
import type {
  LinkedFamily,
  LinkedFamilyMember,
  LinkedIndex,
  LinkedPerson,
  LinkedRecord,
  LinkRuleName,
  MemberRelationship,
  RecordKey,
  ReviewDecision,
  SourceRecord,
} from "../linkage/types";
import { recordKey } from "../linkage/types";
import {
  parseResumePoint,
  serialiseResumePoint,
  sourceFromText,
  sourceText,
  type ResumePoint,
  type StoredGeneration,
} from "../indexer/resume";
import { GENERATION_TABLES, LINK_STORE_SCHEMA } from "./link-store.schema";
import type {
  BirthUnknownTo,
  BirthsUnknownToQuery,
  BuildInfo,
  ChildrenAtPostcode,
  ChildrenByPostcodeQuery,
  IndexChanges,
  LinkStore,
  NewReviewDecision,
  ReviewKind,
  StoredFamily,
  StoredReviewDecision,
} from "./link-store.port";

/** Rows per page when a whole generation is loaded (loadGeneration): bounded memory and statement length. */
const LOAD_PAGE = 20_000;

/** Rows per INSERT: each column is sent as one array parameter (unnest), so this is not bounded by parameter count. */
const CHUNK = 5000;

const LINK_RULES = [
  "ANCHOR",
  "NHS_NUMBER_AND_DATE_OF_BIRTH",
  "NAME_DATE_OF_BIRTH_AND_POSTCODE",
  "PROBABILISTIC",
  "REVIEWED_SAME_PERSON",
] as readonly string[] as readonly LinkRuleName[];
const RELATIONSHIPS: readonly MemberRelationship[] = ["MOTHER", "FATHER", "SECOND_PARENT", "CARER", "CHILD", "SIBLING"];
const SEXES: readonly SexCode[] = ["FEMALE", "MALE", "UNKNOWN"];
const REVIEW_KINDS: readonly ReviewKind[] = ["CONFIRM", "REJECT", "UNLINK"];
const DECISIONS = ["SAME_PERSON", "NOT_SAME_PERSON"] as const;

interface DecisionRow {
  decision_id: number;
  agency_a: string;
  local_id_a: string;
  agency_b: string;
  local_id_b: string;
  decision: string;
  decided_by: string;
  decided_at: string;
  kind: string | null;
  decided_role: string | null;
  note: string | null;
  probability: number | null;
}

const DECISION_COLUMNS = `decision_id, agency_a, local_id_a, agency_b, local_id_b, decision, decided_by,
  to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS decided_at, kind, decided_role, note, probability`;

function toDecision(r: DecisionRow): StoredReviewDecision {
  const decision = oneOf(DECISIONS, r.decision, "review decision");
  return {
    id: Number(r.decision_id),
    a: recordKey(oneOf<Agency>(AGENCIES, r.agency_a, "agency"), r.local_id_a),
    b: recordKey(oneOf<Agency>(AGENCIES, r.agency_b, "agency"), r.local_id_b),
    decision,
    // Rows from before kinds were recorded: a same-person decision confirmed, the other rejected.
    kind: r.kind ? oneOf(REVIEW_KINDS, r.kind, "review kind") : decision === "SAME_PERSON" ? "CONFIRM" : "REJECT",
    decidedBy: r.decided_by,
    decidedRole: r.decided_role ?? "",
    decidedAt: r.decided_at,
    note: r.note,
    probability: r.probability === null ? null : Number(r.probability),
  };
}

/** "<agency>:<localId>" back into its parts (local ids may contain colons; agencies do not). */
function splitKey(key: RecordKey): [Agency, string] {
  const at = key.indexOf(":");
  return [oneOf<Agency>(AGENCIES, key.slice(0, at), "agency"), key.slice(at + 1)];
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown, what: string): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`link store holds an unknown ${what}`);
}
const sexOf = (v: unknown): SexCode | null => (v === null || v === undefined ? null : oneOf(SEXES, v, "sex"));

interface RecordRow {
  agency: string;
  local_id: string;
  person_id: string;
  rule: string;
  confidence: number;
  linked_to: string | null;
  nhs_number: string | null;
  given_name: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  sex: string | null;
  postcode: string | null;
  household_id: string | null;
  care_unit: string | null;
}

interface PersonRow {
  person_id: string;
  anchor: string;
  nhs_number: string | null;
  given_name: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  sex: string | null;
  postcode: string | null;
  family_id: string | null;
}

/** A record row from its columns as one JSON array (loadGeneration's order). */
function recordRowOf(c: (string | null)[]): RecordRow {
  const [agency, local_id, person_id, rule, confidence, linked_to, nhs_number, given_name, family_name] = c;
  const [date_of_birth, sex, postcode, household_id, care_unit] = c.slice(9);
  if (agency === null || local_id === null || person_id === null || rule === null || confidence === null)
    throw new Error("link store holds a record row without its keys");
  const row = { agency, local_id, person_id, rule, confidence: Number(confidence), linked_to, nhs_number, given_name };
  return { ...row, family_name, date_of_birth, sex, postcode, household_id, care_unit };
}

/** A person row from its columns as one JSON array (loadGeneration's order). */
function personRowOf(c: (string | null)[]): PersonRow {
  const [person_id, anchor, nhs_number, given_name, family_name, date_of_birth, sex, postcode, family_id] = c;
  if (person_id === null || anchor === null) throw new Error("link store holds a person row without its keys");
  return { person_id, anchor, nhs_number, given_name, family_name, date_of_birth, sex, postcode, family_id };
}

function toRecord(row: RecordRow): LinkedRecord {
  return {
    agency: oneOf<Agency>(AGENCIES, row.agency, "agency"),
    localId: row.local_id,
    personId: row.person_id,
    rule: oneOf(LINK_RULES, row.rule, "link rule"),
    confidence: Number(row.confidence),
    linkedTo: row.linked_to,
    nhsNumber: row.nhs_number,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    sex: sexOf(row.sex),
    postcode: row.postcode,
    householdId: row.household_id,
    careUnit: row.care_unit,
  };
}

function toPerson(row: PersonRow): LinkedPerson {
  return {
    id: row.person_id,
    anchor: row.anchor,
    nhsNumber: row.nhs_number,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    sex: sexOf(row.sex),
    postcode: row.postcode,
    familyId: row.family_id,
  };
}

/** A record's source as stored, when the writer gave sources (null otherwise: the generation cannot be resumed). */
function sourceTextOf(sourceOf: ((key: RecordKey) => SourceRecord | undefined) | undefined, r: LinkedRecord) {
  if (!sourceOf) return null;
  const source = sourceOf(recordKey(r.agency, r.localId));
  if (!source) throw new Error("a record to write has no source to keep with it");
  return sourceText(source);
}

const agenciesOf = (text: string): Agency[] =>
  text ? text.split(",").map((a) => oneOf<Agency>(AGENCIES, a, "agency")) : [];

/** The link store over PostgreSQL or PGlite (the same SQL runs on both). */
export class PostgresLinkStore implements LinkStore {
  /** `loadPage`: rows per query when a generation is loaded whole (tests make it small to page). */
  constructor(
    private readonly db: Db,
    private readonly options: { loadPage?: number } = {},
  ) {}

  async migrate(): Promise<void> {
    await this.db.exec(LINK_STORE_SCHEMA);
  }

  async reviewDecisions(): Promise<ReviewDecision[]> {
    const latest = new Map<string, ReviewDecision>();
    for (const d of await this.reviewLog()) {
      const pair = d.a < d.b ? `${d.a}|${d.b}` : `${d.b}|${d.a}`;
      latest.delete(pair); // re-inserted last: the map keeps the order decisions came into force
      latest.set(pair, { a: d.a, b: d.b, decision: d.decision });
    }
    return [...latest.values()];
  }

  async lastDecisionId(): Promise<number> {
    const [row] = await this.db.query<{ id: number }>(
      `SELECT coalesce(max(decision_id), 0)::int AS id FROM fi_review_decision`,
    );
    return Number(row.id);
  }

  async reviewLog(): Promise<StoredReviewDecision[]> {
    const rows = await this.db.query<DecisionRow>(
      `SELECT ${DECISION_COLUMNS} FROM fi_review_decision ORDER BY decision_id`,
    );
    return rows.map(toDecision);
  }

  async recordDecisions(decisions: readonly NewReviewDecision[]): Promise<StoredReviewDecision[]> {
    if (!decisions.length) return [];
    for (const d of decisions) {
      if (!d.decidedBy.trim() || !d.decidedRole.trim()) throw new Error("a review decision needs who made it");
    }
    const a = decisions.map((d) => splitKey(d.a));
    const b = decisions.map((d) => splitKey(d.b));
    const rows = await this.db.query<DecisionRow>(
      `INSERT INTO fi_review_decision (agency_a, local_id_a, agency_b, local_id_b, decision, kind, decided_by, decided_role, note, probability, decided_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::float8[])
       RETURNING ${DECISION_COLUMNS}`,
      [
        a.map((k) => k[0]),
        a.map((k) => k[1]),
        b.map((k) => k[0]),
        b.map((k) => k[1]),
        decisions.map((d) => d.decision),
        decisions.map((d) => d.kind),
        decisions.map((d) => d.decidedBy),
        decisions.map((d) => d.decidedRole),
        decisions.map((d) => d.note),
        decisions.map((d) => d.probability),
      ],
    );
    return rows.map(toDecision).sort((x, y) => x.id - y.id);
  }

  /** Removes every generation but the current one; returns the new build id. */
  private async startGeneration(): Promise<number> {
    // Generations other than the current one are leftovers (the one before it, or a build
    // that failed half way): nobody reads them any more.
    const current = await this.db.query<{ build_id: number }>(`SELECT build_id FROM fi_current`);
    const keep = current.map((r) => Number(r.build_id));
    for (const table of GENERATION_TABLES) {
      await this.db.query(`DELETE FROM ${table} WHERE NOT (build_id = ANY($1::int[]))`, [keep]);
      // Embedded PGlite runs no autovacuum: without this every generation's rows would stay as
      // dead tuples, and a large borough's store would grow by a whole index per build (gigabytes),
      // each scan slower than the last. A server's autovacuum does this itself.
      if (this.db.kind === "pglite") await this.db.query(`VACUUM ${table}`);
    }
    const [{ id }] = await this.db.query<{ id: number }>(`SELECT nextval('fi_build_seq')::int AS id`);
    return Number(id);
  }

  async writeChanges(
    previousBuildId: number,
    index: LinkedIndex,
    changes: IndexChanges,
    info: BuildInfo,
  ): Promise<number> {
    const current = await this.db.query<{ build_id: number }>(`SELECT build_id FROM fi_current`);
    if (current.length !== 1 || Number(current[0].build_id) !== previousBuildId) {
      throw new Error("the link store's current generation is not the one the changes were made against");
    }
    const buildId = await this.startGeneration();
    const recordKeys = [...changes.records];
    const personIds = [...changes.persons];
    const familyIds = [...changes.families];
    // Unchanged rows: copied from the previous generation inside the database.
    await this.db.query(
      `INSERT INTO fi_record (build_id, agency, local_id, person_id, rule, confidence, linked_to, nhs_number, given_name, family_name, date_of_birth, sex, postcode, household_id, care_unit, source)
       SELECT $1::int, agency, local_id, person_id, rule, confidence, linked_to, nhs_number, given_name, family_name, date_of_birth, sex, postcode, household_id, care_unit, source
         FROM fi_record WHERE build_id = $2 AND NOT ((agency || ':' || local_id) = ANY($3::text[]))`,
      [buildId, previousBuildId, recordKeys],
    );
    await this.db.query(
      `INSERT INTO fi_person (build_id, person_id, anchor, nhs_number, given_name, family_name, date_of_birth, sex, postcode, family_id)
       SELECT $1::int, person_id, anchor, nhs_number, given_name, family_name, date_of_birth, sex, postcode, family_id
         FROM fi_person WHERE build_id = $2 AND NOT (person_id = ANY($3::text[]))`,
      [buildId, previousBuildId, personIds],
    );
    await this.db.query(
      `INSERT INTO fi_family (build_id, family_id, anchor_person_id, member_count)
       SELECT $1::int, family_id, anchor_person_id, member_count
         FROM fi_family WHERE build_id = $2 AND NOT (family_id = ANY($3::text[]))`,
      [buildId, previousBuildId, familyIds],
    );
    await this.db.query(
      `INSERT INTO fi_family_member (build_id, family_id, person_id, relationship)
       SELECT $1::int, family_id, person_id, relationship
         FROM fi_family_member WHERE build_id = $2 AND NOT (family_id = ANY($3::text[]))`,
      [buildId, previousBuildId, familyIds],
    );
    // Changed and new rows: sent.
    const families = index.families.filter((f) => changes.families.has(f.id));
    await this.insertGeneration(
      buildId,
      {
        records: index.records.filter((r) => changes.records.has(recordKey(r.agency, r.localId))),
        persons: index.persons.filter((p) => changes.persons.has(p.id)),
        families,
      },
      info,
    );
    await this.finishGeneration(buildId, index, info);
    return buildId;
  }

  async writeBuild(index: LinkedIndex, info: BuildInfo): Promise<number> {
    const buildId = await this.startGeneration();
    await this.insertGeneration(buildId, index, info);
    await this.finishGeneration(buildId, index, info);
    return buildId;
  }

  async loadGeneration(): Promise<StoredGeneration | null> {
    const page = this.options.loadPage ?? LOAD_PAGE;
    const [head] = await this.db.query<{ build_id: number; agencies: string; missing: string; point: string | null }>(
      `SELECT c.build_id, b.agencies, b.missing, r.point
         FROM fi_current c JOIN fi_build b USING (build_id) LEFT JOIN fi_resume r USING (build_id)`,
    );
    if (!head || head.point === null) return null;
    const buildId = Number(head.build_id);
    const point = parseResumePoint(head.point);
    const records: LinkedRecord[] = [];
    const sources: SourceRecord[] = [];
    // Paged by primary key: a large borough's generation is over a million rows. Each row's columns
    // come as one JSON array text: PGlite's cost is per value returned, and this halves it.
    for (let after: [string, string] = ["", ""]; ;) {
      const rows = await this.db.query<{ j: string; source: string | null }>(
        `SELECT array_to_json(ARRAY[agency, local_id, person_id, rule, confidence::text, linked_to, nhs_number, given_name,
                  family_name, date_of_birth::text, sex, postcode, household_id, care_unit])::text AS j, source
           FROM fi_record WHERE build_id = $1 AND (agency, local_id) > ($2, $3)
          ORDER BY agency, local_id LIMIT ${page}`,
        [buildId, ...after],
      );
      let last: RecordRow | null = null;
      for (const { j, source } of rows) {
        if (source === null) return null;
        last = recordRowOf(JSON.parse(j) as (string | null)[]);
        const record = toRecord(last);
        records.push(record);
        sources.push(sourceFromText(record.agency, record.localId, source));
      }
      if (!last || rows.length < page) break;
      after = [last.agency, last.local_id];
    }
    const persons: LinkedPerson[] = [];
    for (let after = ""; ;) {
      const rows = await this.db.query<{ j: string }>(
        `SELECT array_to_json(ARRAY[person_id, anchor, nhs_number, given_name, family_name, date_of_birth::text, sex,
                  postcode, family_id])::text AS j
           FROM fi_person WHERE build_id = $1 AND person_id > $2 ORDER BY person_id LIMIT ${page}`,
        [buildId, after],
      );
      for (const { j } of rows) persons.push(toPerson(personRowOf(JSON.parse(j) as (string | null)[])));
      if (rows.length < page) break;
      after = persons[persons.length - 1].id;
    }
    const families = new Map<string, LinkedFamily>();
    for (let after = ""; ;) {
      const rows = await this.db.query<{ family_id: string; anchor_person_id: string }>(
        `SELECT family_id, anchor_person_id FROM fi_family WHERE build_id = $1 AND family_id > $2 ORDER BY family_id LIMIT ${page}`,
        [buildId, after],
      );
      for (const row of rows)
        families.set(row.family_id, { id: row.family_id, anchorPersonId: row.anchor_person_id, members: [] });
      if (rows.length < page) break;
      after = rows[rows.length - 1].family_id;
    }
    for (let after: [string, string] = ["", ""]; ;) {
      const rows = await this.db.query<{ family_id: string; person_id: string; relationship: string }>(
        `SELECT family_id, person_id, relationship FROM fi_family_member
          WHERE build_id = $1 AND (family_id, person_id) > ($2, $3) ORDER BY family_id, person_id LIMIT ${page}`,
        [buildId, ...after],
      );
      for (const row of rows)
        families.get(row.family_id)?.members.push({
          familyId: row.family_id,
          personId: row.person_id,
          relationship: oneOf(RELATIONSHIPS, row.relationship, "relationship"),
        });
      if (rows.length < page) break;
      const last = rows[rows.length - 1];
      after = [last.family_id, last.person_id];
    }
    return {
      buildId,
      agencies: agenciesOf(head.agencies),
      missing: agenciesOf(head.missing),
      records,
      persons,
      families: [...families.values()],
      sources,
      point,
    };
  }

  private async insertGeneration(
    buildId: number,
    index: Pick<LinkedIndex, "records" | "persons" | "families">,
    info: BuildInfo,
  ): Promise<void> {
    const sourceOf = info.resume?.sourceOf;
    await this.insert(
      `INSERT INTO fi_record (build_id, agency, local_id, person_id, rule, confidence, linked_to, nhs_number, given_name, family_name, date_of_birth, sex, postcode, household_id, care_unit, source)
       SELECT $1::int, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[], $8::text[], $9::text[], $10::text[], $11::date[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])`,
      buildId,
      index.records,
      (r) => [
        r.agency,
        r.localId,
        r.personId,
        r.rule,
        r.confidence,
        r.linkedTo,
        r.nhsNumber,
        r.givenName,
        r.familyName,
        r.dateOfBirth,
        r.sex,
        r.postcode,
        r.householdId,
        r.careUnit,
        sourceTextOf(sourceOf, r),
      ],
    );
    await this.insert(
      `INSERT INTO fi_person (build_id, person_id, anchor, nhs_number, given_name, family_name, date_of_birth, sex, postcode, family_id)
       SELECT $1::int, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[], $10::text[])`,
      buildId,
      index.persons,
      (p) => [p.id, p.anchor, p.nhsNumber, p.givenName, p.familyName, p.dateOfBirth, p.sex, p.postcode, p.familyId],
    );
    await this.insert(
      `INSERT INTO fi_family (build_id, family_id, anchor_person_id, member_count)
       SELECT $1::int, * FROM unnest($2::text[], $3::text[], $4::int[])`,
      buildId,
      index.families,
      (f) => [f.id, f.anchorPersonId, f.members.length],
    );
    await this.insert(
      `INSERT INTO fi_family_member (build_id, family_id, person_id, relationship)
       SELECT $1::int, * FROM unnest($2::text[], $3::text[], $4::text[])`,
      buildId,
      index.families.flatMap((f) => f.members),
      (m) => [m.familyId, m.personId, m.relationship],
    );
  }

  async updateResumeCursors(buildId: number, changeCursors: ResumePoint["changeCursors"]): Promise<boolean> {
    const rows = await this.db.query<{ point: string }>(`SELECT point FROM fi_resume WHERE build_id = $1`, [buildId]);
    if (rows.length === 0) return false;
    const point = parseResumePoint(rows[0].point);
    const updated = await this.db.query(`UPDATE fi_resume SET point = $2 WHERE build_id = $1 RETURNING build_id`, [
      buildId,
      serialiseResumePoint({ ...point, changeCursors }),
    ]);
    // None when the generation was removed meanwhile.
    return updated.length === 1;
  }

  /** Records the build and makes it current: one single-row statement, atomic on its own. */
  private async finishGeneration(buildId: number, index: LinkedIndex, info: BuildInfo): Promise<void> {
    // Statistics of the tables as they now are, before anyone reads the generation: the planner
    // otherwise plans the locality lists' joins for the tables as they were (empty, or one agency,
    // at the first builds) and at 100,000 families picks scans that held family-index for minutes.
    // PGlite runs no autovacuum (nor its ANALYZE); a server's runs late after a bulk write.
    for (const table of GENERATION_TABLES)
      if (table !== "fi_build" && table !== "fi_resume") await this.db.query(`ANALYZE ${table}`);
    if (info.resume)
      await this.db.query(`INSERT INTO fi_resume (build_id, point) VALUES ($1, $2)`, [
        buildId,
        serialiseResumePoint(info.resume.point),
      ]);
    await this.db.query(
      `INSERT INTO fi_build (build_id, started_at, finished_at, agencies, missing, record_count, person_count, family_count)
       VALUES ($1, $2, now(), $3, $4, $5, $6, $7)`,
      [
        buildId,
        info.startedAt.toISOString(),
        info.agencies.join(","),
        info.missing.join(","),
        index.records.length,
        index.persons.length,
        index.families.length,
      ],
    );
    // The swap: one single-row statement, atomic on its own.
    await this.db.query(
      `INSERT INTO fi_current (singleton, build_id) VALUES (TRUE, $1)
       ON CONFLICT (singleton) DO UPDATE SET build_id = EXCLUDED.build_id`,
      [buildId],
    );
  }

  /** Inserts rows in chunks, each column as one array parameter after the build id. */
  private async insert<T>(
    sql: string,
    buildId: number,
    items: readonly T[],
    columns: (item: T) => unknown[],
  ): Promise<void> {
    for (let i = 0; i < items.length; i += CHUNK) {
      const rows = items.slice(i, i + CHUNK).map(columns);
      const width = rows[0].length;
      const arrays = Array.from({ length: width }, (_, c) => rows.map((r) => r[c] ?? null));
      await this.db.query(sql, [buildId, ...arrays]);
    }
  }

  async recordsByKeys(buildId: number, keys: readonly RecordKey[]): Promise<(LinkedRecord | null)[]> {
    const rows = await this.db.query<RecordRow>(
      `SELECT agency, local_id, person_id, rule, confidence, linked_to, nhs_number, given_name, family_name,
              date_of_birth::text AS date_of_birth, sex, postcode, household_id, care_unit
         FROM fi_record WHERE build_id = $1 AND (agency || ':' || local_id) = ANY($2::text[])`,
      [buildId, [...keys]],
    );
    return byKey(keys, rows.map(toRecord), (r) => recordKey(r.agency, r.localId));
  }

  async personsByIds(buildId: number, ids: readonly string[]): Promise<(LinkedPerson | null)[]> {
    const rows = await this.db.query<PersonRow>(
      `SELECT person_id, anchor, nhs_number, given_name, family_name, date_of_birth::text AS date_of_birth, sex, postcode, family_id
         FROM fi_person WHERE build_id = $1 AND person_id = ANY($2::text[])`,
      [buildId, [...ids]],
    );
    return byKey(ids, rows.map(toPerson), (p) => p.id);
  }

  async recordsByPersonIds(buildId: number, personIds: readonly string[]): Promise<LinkedRecord[][]> {
    const rows = await this.db.query<RecordRow>(
      `SELECT agency, local_id, person_id, rule, confidence, linked_to, nhs_number, given_name, family_name,
              date_of_birth::text AS date_of_birth, sex, postcode, household_id, care_unit
         FROM fi_record WHERE build_id = $1 AND person_id = ANY($2::text[])
        ORDER BY agency, local_id`,
      [buildId, [...personIds]],
    );
    return groupByKey(personIds, rows.map(toRecord), (r) => r.personId).map((records) => records.sort(byAgencyOrder));
  }

  async familiesByIds(buildId: number, ids: readonly string[]): Promise<(StoredFamily | null)[]> {
    const rows = await this.db.query<{ family_id: string; anchor_person_id: string; member_count: number }>(
      `SELECT family_id, anchor_person_id, member_count FROM fi_family WHERE build_id = $1 AND family_id = ANY($2::text[])`,
      [buildId, [...ids]],
    );
    return byKey(
      ids,
      rows.map((r) => ({ id: r.family_id, anchorPersonId: r.anchor_person_id, memberCount: Number(r.member_count) })),
      (f) => f.id,
    );
  }

  async membersByFamilyIds(buildId: number, familyIds: readonly string[]): Promise<LinkedFamilyMember[][]> {
    const rows = await this.db.query<{ family_id: string; person_id: string; relationship: string }>(
      `SELECT family_id, person_id, relationship FROM fi_family_member
        WHERE build_id = $1 AND family_id = ANY($2::text[]) ORDER BY family_id, person_id`,
      [buildId, [...familyIds]],
    );
    const members = rows.map((r) => ({
      familyId: r.family_id,
      personId: r.person_id,
      relationship: oneOf(RELATIONSHIPS, r.relationship, "relationship"),
    }));
    return groupByKey(familyIds, members, (m) => m.familyId).map((list) => list.sort(byRelationship));
  }

  async birthsUnknownTo(buildId: number, query: BirthsUnknownToQuery): Promise<BirthUnknownTo[]> {
    if (query.sectors.length === 0) return [];
    const rows = await this.db.query<PersonRow & { child_id: string; relationship: string }>(BIRTHS_UNKNOWN_TO_SQL, [
      buildId,
      query.bornFrom,
      query.bornTo,
      query.unknownTo,
      [...query.sectors],
    ]);
    const byChild = new Map<string, BirthUnknownTo["members"]>();
    for (const row of rows) {
      const members = byChild.get(row.child_id) ?? [];
      members.push({ relationship: oneOf(RELATIONSHIPS, row.relationship, "relationship"), person: toPerson(row) });
      byChild.set(row.child_id, members);
    }
    return [...byChild].map(([childId, members]) => {
      const child = members.find((m) => m.person.id === childId)?.person;
      // The child is a member of the family it was found by: anything else is a fault of the store.
      if (!child?.familyId) throw new Error("a child of the outreach query is not a member of its family");
      return {
        child,
        familyId: child.familyId,
        // As Family.members lists them: parents and carers first, then children.
        members: members.sort((x, y) =>
          byRelationship(
            { familyId: child.familyId!, personId: x.person.id, relationship: x.relationship },
            { familyId: child.familyId!, personId: y.person.id, relationship: y.relationship },
          ),
        ),
      };
    });
  }

  async childrenByPostcode(buildId: number, query: ChildrenByPostcodeQuery): Promise<ChildrenAtPostcode[]> {
    if (query.sectors.length === 0) return [];
    const rows = await this.db.query<{
      postcode: string;
      children: number;
      known: number;
      recent: number;
      recent_known: number;
    }>(CHILDREN_BY_POSTCODE_SQL, [
      buildId,
      query.bornFrom,
      query.bornTo,
      query.recentFrom,
      query.knownTo,
      [...query.sectors],
    ]);
    return rows.map((r) => ({
      postcode: r.postcode,
      children: Number(r.children),
      known: Number(r.known),
      recent: Number(r.recent),
      recentKnown: Number(r.recent_known),
    }));
  }
}

/**
 * The locality profile's query: the persons born in the window whose own postcode is in one of
 * the sectors, counted by postcode, with those `knownTo` holds a record of, and the same for the
 * births since `recentFrom`. One round trip for any number of children; the generation's index by
 * date of birth narrows to the window, its index by person serves the look-up of records.
 */
const CHILDREN_BY_POSTCODE_SQL = `
SELECT c.postcode,
       count(*)::int AS children,
       count(*) FILTER (WHERE c.known)::int AS known,
       count(*) FILTER (WHERE c.date_of_birth >= $4::date)::int AS recent,
       count(*) FILTER (WHERE c.known AND c.date_of_birth >= $4::date)::int AS recent_known
  FROM (
    SELECT p.postcode, p.date_of_birth,
           EXISTS (SELECT 1 FROM fi_record r
                    WHERE r.build_id = $1 AND r.person_id = p.person_id AND r.agency = $5) AS known
      FROM fi_person p
     WHERE p.build_id = $1 AND p.date_of_birth BETWEEN $2::date AND $3::date
       AND left(p.postcode, -2) = ANY($6::text[])
  ) c
 GROUP BY c.postcode
 ORDER BY c.postcode`;

/**
 * The outreach list's query: every child born in the window whose family no record of
 * `unknownTo` belongs to, and one of whose members lives in one of the sectors, returned with
 * every member of the family (one row per child and member). One round trip for any number of
 * families; the generation's indexes by person and family serve the joins.
 */
const BIRTHS_UNKNOWN_TO_SQL = `
WITH babies AS (
  SELECT p.person_id AS child_id, p.family_id
    FROM fi_person p
   WHERE p.build_id = $1 AND p.family_id IS NOT NULL AND p.date_of_birth BETWEEN $2::date AND $3::date
     AND NOT EXISTS (
       SELECT 1 FROM fi_family_member fm
         JOIN fi_record r ON r.build_id = fm.build_id AND r.person_id = fm.person_id
        WHERE fm.build_id = $1 AND fm.family_id = p.family_id AND r.agency = $4)
     AND EXISTS (
       SELECT 1 FROM fi_family_member fm
         JOIN fi_person mp ON mp.build_id = fm.build_id AND mp.person_id = fm.person_id
        WHERE fm.build_id = $1 AND fm.family_id = p.family_id AND left(mp.postcode, -2) = ANY($5::text[]))
)
SELECT b.child_id, m.relationship, mp.person_id, mp.anchor, mp.nhs_number, mp.given_name, mp.family_name,
       mp.date_of_birth::text AS date_of_birth, mp.sex, mp.postcode, mp.family_id
  FROM babies b
  JOIN fi_family_member m ON m.build_id = $1 AND m.family_id = b.family_id
  JOIN fi_person mp ON mp.build_id = $1 AND mp.person_id = m.person_id
 ORDER BY b.child_id, m.person_id`;

const agencyRank = new Map<string, number>(AGENCIES.map((a, i) => [a, i]));
function byAgencyOrder(x: LinkedRecord, y: LinkedRecord): number {
  return (
    agencyRank.get(x.agency)! - agencyRank.get(y.agency)! ||
    (x.localId < y.localId ? -1 : x.localId > y.localId ? 1 : 0)
  );
}

/** Parents and carers first, then children; stable within a role (by person id). */
const relationshipRank = new Map<string, number>(RELATIONSHIPS.map((r, i) => [r, i]));
function byRelationship(x: LinkedFamilyMember, y: LinkedFamilyMember): number {
  return (
    relationshipRank.get(x.relationship)! - relationshipRank.get(y.relationship)! || (x.personId < y.personId ? -1 : 1)
  );
}
