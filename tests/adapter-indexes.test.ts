import { generateBorough, seedAgencyDatabase, type AgencyDatabase } from "@ffd/borough";
import { connectPostgres, NO_DB_TIMEOUTS, type Agency, type Db } from "@ffd/shared";
import { Client } from "pg";
import type { ChildrensCentresSource } from "../subgraphs/childrens-centres/src/source/childrens-centres.port";
import { PostgresChildrensCentresSource } from "../subgraphs/childrens-centres/src/source/childrens-centres.postgres";
import type { ChildrensSocialCareSource } from "../subgraphs/childrens-social-care/src/source/childrens-social-care.port";
import { PostgresChildrensSocialCareSource } from "../subgraphs/childrens-social-care/src/source/childrens-social-care.postgres";
import type { HealthVisitingSource } from "../subgraphs/health-visiting/src/source/health-visiting.port";
import { PostgresHealthVisitingSource } from "../subgraphs/health-visiting/src/source/health-visiting.postgres";
import { performanceBirths } from "../subgraphs/health-visiting/src/entities/worklist/worklist";
import type { MaternitySource } from "../subgraphs/maternity/src/source/maternity.port";
import { PostgresMaternitySource } from "../subgraphs/maternity/src/source/maternity.postgres";
import { parsePersonLocalId } from "../subgraphs/registration/src/source/registration.ids";
import type { RegistrationSource } from "../subgraphs/registration/src/source/registration.port";
import { PostgresRegistrationSource } from "../subgraphs/registration/src/source/registration.postgres";
import { describeIf } from "./support/services";
import { dropDatabase, freshDatabase, postgresAvailable, RUN_ID } from "./support/postgres";

/*
 * Every query each agency adapter runs, EXPLAINed on the real PostgreSQL server with a
 * 100,000-family borough in it: none reads a whole table (or walks a whole index) of
 * 5,000 rows or more. A read of one person's or one family's record must reach its rows through
 * an index as the planner chooses by default. A bulk read (a week's events, a locality's children,
 * a page of the identity feed) must be able to use an index: it is planned with sequential scans
 * disabled, and a sequential scan still chosen means no index serves it.
 *
 * The cases are typed over each port (`Cases<Port>`), so a method added to a port without a case
 * here does not compile. Each case calls the adapter on a recording database, so what is
 * EXPLAINed is exactly the SQL and parameters the adapter sends. Takes about three minutes, most
 * of it seeding the five databases.
 */

const FAMILIES = 100_000;
const WHOLE_READ_ROWS = 5_000;
const REFERENCE_DATE = "2026-11-01";
/** A week before the reference date, for the event feeds. */
const WEEK = { from: "2026-10-19", to: "2026-10-25" };

interface Recorded {
  sql: string;
  params: readonly unknown[];
}

/** A Db that remembers every statement the adapter sends, then runs it. */
class RecordingDb implements Db {
  readonly kind = "postgres" as const;
  readonly statements: Recorded[] = [];
  constructor(private readonly inner: Db) {}
  query<Row extends object = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    this.statements.push({ sql, params });
    return this.inner.query<Row>(sql, params);
  }
  exec(sql: string): Promise<void> {
    this.statements.push({ sql, params: [] });
    return this.inner.exec(sql);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Sample keys read from the seeded database, for the cases' arguments. */
type Samples = Record<string, string[]>;

/** One call of every port method: its arguments from the samples. */
type Cases<Port> = {
  [K in keyof Port]-?: Port[K] extends (...args: infer A) => Promise<unknown> ? (s: Samples) => A : never;
};

interface AgencyCase<Port> {
  agency: Agency;
  adapter: (db: Db) => Port;
  /** SQL whose first column gives sample keys, by name. */
  samples: Record<string, string>;
  cases: Cases<Port>;
  /** Methods that read many records by design: planned with sequential scans disabled. */
  bulk: ReadonlySet<keyof Port>;
}

const ids = (s: Samples, name: string, n = 5) => s[name].slice(0, n);
const middle = (s: Samples, name: string) => s[name][Math.floor(s[name].length / 2)];

const maternity: AgencyCase<MaternitySource> = {
  agency: "maternity",
  adapter: (db) => new PostgresMaternitySource(db),
  samples: {
    mothers: "SELECT local_patient_id FROM msd001_mother_demog ORDER BY md5(local_patient_id) LIMIT 20",
    babies: "SELECT baby_local_id FROM msd401_baby_demog ORDER BY md5(baby_local_id) LIMIT 20",
    pregnancies: "SELECT preg_id FROM msd101_preg_booking ORDER BY md5(preg_id) LIMIT 20",
  },
  cases: {
    identityFeed: (s) => [middle(s, "mothers"), 500],
    identityRecords: (s) => [[...ids(s, "mothers"), ...ids(s, "babies")]],
    involvements: (s) => [[...ids(s, "mothers"), ...ids(s, "babies")], REFERENCE_DATE],
    events: () => [WEEK.from, WEEK.to, REFERENCE_DATE],
    mothers: (s) => [ids(s, "mothers")],
    births: (s) => [ids(s, "babies")],
    birthsOfPregnancies: (s) => [ids(s, "pregnancies")],
    pregnancies: (s) => [ids(s, "pregnancies")],
    pregnanciesOfMothers: (s) => [ids(s, "mothers")],
  },
  bulk: new Set(["identityFeed", "events"]),
};

const healthVisiting: AgencyCase<HealthVisitingSource> = {
  agency: "health-visiting",
  adapter: (db) => new PostgresHealthVisitingSource(db),
  samples: {
    children: "SELECT pat_id::text FROM hv_patient WHERE pat_type = 'C' ORDER BY md5(pat_id::text) LIMIT 20",
    adults: "SELECT pat_id::text FROM hv_patient WHERE pat_type <> 'C' ORDER BY md5(pat_id::text) LIMIT 20",
    sectors: `SELECT sector FROM (SELECT DISTINCT left(upper(regexp_replace(post_cd, '\\s', '', 'g')), -2) AS sector
               FROM hv_patient WHERE pat_type = 'C' AND post_cd IS NOT NULL) s ORDER BY md5(sector) LIMIT 20`,
  },
  cases: {
    identityFeed: (s) => [middle(s, "children"), 500],
    identityRecords: (s) => [[...ids(s, "children"), ...ids(s, "adults")]],
    involvements: (s) => [[...ids(s, "children"), ...ids(s, "adults")], REFERENCE_DATE],
    events: () => [WEEK.from, WEEK.to, REFERENCE_DATE],
    patientsByLocalIds: (s) => [[...ids(s, "children"), ...ids(s, "adults")]],
    // A locality's sectors, written as the lists write them ('DY1 4'), and the births the
    // performance figures read (the widest spans of the lists).
    childrenInSectors: (s) => [
      ids(s, "sectors", 3).map((x) => `${x.slice(0, -1)} ${x.slice(-1)}`),
      performanceBirths(REFERENCE_DATE),
    ],
  },
  bulk: new Set(["identityFeed", "events", "childrenInSectors"]),
};

const childrensCentres: AgencyCase<ChildrensCentresSource> = {
  agency: "childrens-centres",
  adapter: (db) => new PostgresChildrensCentresSource(db),
  samples: {
    members: "SELECT member_ref FROM cc_member ORDER BY md5(member_ref) LIMIT 20",
    households: "SELECT hh_ref FROM cc_household ORDER BY md5(hh_ref) LIMIT 20",
  },
  cases: {
    identityFeed: (s) => [middle(s, "members"), 500],
    identityRecords: (s) => [ids(s, "members")],
    involvements: (s) => [ids(s, "members"), REFERENCE_DATE],
    membersByRef: (s) => [ids(s, "members")],
    householdsByRef: (s) => [ids(s, "households")],
    allCentres: () => [],
    attendanceByMember: (s) => [ids(s, "members"), REFERENCE_DATE],
  },
  bulk: new Set(["identityFeed", "allCentres"]),
};

const registration: AgencyCase<RegistrationSource> = {
  agency: "registration",
  adapter: (db) => new PostgresRegistrationSource(db),
  samples: {
    entries:
      "SELECT reg_district || ':' || entry_no FROM ron_birth_reg ORDER BY md5(reg_district || entry_no) LIMIT 20",
  },
  cases: {
    identityFeed: (s) => [`${middle(s, "entries")}:child`, 500],
    identityRecords: (s) => [ids(s, "entries").flatMap((e) => [`${e}:child`, `${e}:mother`])],
    involvements: (s) => [ids(s, "entries").map((e) => `${e}:child`), REFERENCE_DATE],
    events: () => [WEEK.from, WEEK.to, REFERENCE_DATE],
    entriesByRef: (s) =>
      [
        ids(s, "entries").map((e) => {
          const ref = parsePersonLocalId(`${e}:child`);
          if (!ref) throw new Error(`sample entry ${e} is not an entry id`);
          return { district: ref.district, entryNumber: ref.entryNumber };
        }),
      ] as const,
    birthCountsByPostcode: () => ["2025-11-01", "2026-10-31"],
  },
  bulk: new Set(["identityFeed", "events", "birthCountsByPostcode"]),
};

const socialCare: AgencyCase<ChildrensSocialCareSource> = {
  agency: "childrens-social-care",
  adapter: (db) => new PostgresChildrensSocialCareSource(db),
  samples: {
    clients: "SELECT client_no FROM csc_client ORDER BY md5(client_no) LIMIT 20",
  },
  cases: {
    identityFeed: (s) => [middle(s, "clients"), 500],
    identityRecords: (s) => [ids(s, "clients")],
    involvements: (s) => [ids(s, "clients"), REFERENCE_DATE],
    events: () => [WEEK.from, WEEK.to, REFERENCE_DATE],
    clients: (s) => [ids(s, "clients")],
  },
  bulk: new Set(["identityFeed", "events"]),
};

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

const INDEX_SCANS = new Set(["Index Scan", "Index Only Scan", "Bitmap Index Scan"]);

/**
 * What a plan reads whole: sequential scans (by table), and walks of a whole index with no index
 * condition (by index; a partial index's walk reads every row its predicate holds).
 */
export function wholeReads(plan: PlanNode): { relation: string; how: string }[] {
  const found: { relation: string; how: string }[] = [];
  const visit = (node: PlanNode) => {
    const type = node["Node Type"];
    if (type === "Seq Scan" && node["Relation Name"]) found.push({ relation: node["Relation Name"], how: "Seq Scan" });
    if (INDEX_SCANS.has(type) && node["Index Cond"] === undefined && node["Index Name"]) {
      found.push({ relation: node["Index Name"], how: `${type} (no index condition)` });
    }
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(plan);
  return found;
}

async function explainAdapter<Port>(spec: AgencyCase<Port>, seeded: AgencyDatabase): Promise<string[]> {
  const name = `ffd_idx_${spec.agency.replace(/-/g, "_")}_${RUN_ID}`.toLowerCase();
  const url = await freshDatabase(name);
  const db = connectPostgres(url, { timeouts: NO_DB_TIMEOUTS });
  const client = new Client({ connectionString: url });
  await client.connect();
  const problems: string[] = [];
  try {
    await seedAgencyDatabase(db, seeded);
    await db.exec("VACUUM ANALYZE");
    const rowsOf = new Map<string, number>(
      (
        await db.query<{ relname: string; reltuples: number }>(
          "SELECT relname, reltuples::float8 AS reltuples FROM pg_class WHERE relkind IN ('r', 'i')",
        )
      ).map((r) => [r.relname, Number(r.reltuples)]),
    );
    const samples: Samples = {};
    for (const [key, sql] of Object.entries(spec.samples)) {
      samples[key] = (await db.query<Record<string, unknown>>(sql)).map((r) => String(Object.values(r)[0]));
      if (samples[key].length === 0) throw new Error(`${spec.agency}: no sample ${key}`);
    }

    for (const method of Object.keys(spec.cases) as (keyof Port & string)[]) {
      const recording = new RecordingDb(db);
      const adapter = spec.adapter(recording) as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const args = (spec.cases[method] as (s: Samples) => unknown[])(samples);
      await adapter[method](...args);
      if (recording.statements.length === 0) problems.push(`${spec.agency}.${method}: ran no SQL (case not exercised)`);
      const bulk = spec.bulk.has(method);
      for (const { sql, params } of recording.statements) {
        await client.query(bulk ? "SET enable_seqscan = off" : "RESET enable_seqscan");
        const result = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
          `EXPLAIN (FORMAT JSON) ${sql}`,
          params as unknown[],
        );
        for (const read of wholeReads(result.rows[0]["QUERY PLAN"][0].Plan)) {
          const rows = rowsOf.get(read.relation) ?? 0;
          if (rows >= WHOLE_READ_ROWS) {
            problems.push(
              `${spec.agency}.${method}${bulk ? " (bulk)" : ""}: ${read.how} on ${read.relation} (${rows} rows) in: ${sql.replace(/\s+/g, " ").slice(0, 160)}`,
            );
          }
        }
      }
    }
  } finally {
    await client.end();
    await db.close();
    await dropDatabase(name);
  }
  return problems;
}

describe("wholeReads", () => {
  const scan = (over: Partial<PlanNode>): PlanNode => ({ "Node Type": "Seq Scan", ...over });
  it("finds sequential scans and condition-less walks of whole indexes, not index lookups", () => {
    const plan: PlanNode = {
      "Node Type": "Nested Loop",
      Plans: [
        scan({ "Relation Name": "a" }),
        { "Node Type": "Index Scan", "Relation Name": "b", "Index Name": "b_pkey", "Index Cond": "(id = x)" },
        { "Node Type": "Index Only Scan", "Relation Name": "c", "Index Name": "c_all" },
        {
          "Node Type": "Bitmap Heap Scan",
          "Relation Name": "d",
          Plans: [{ "Node Type": "Bitmap Index Scan", "Index Name": "d_children" }],
        },
        { "Node Type": "Bitmap Index Scan", "Index Name": "d_by_day", "Index Cond": "(day = x)" },
      ],
    };
    expect(wholeReads(plan)).toEqual([
      { relation: "a", how: "Seq Scan" },
      { relation: "c_all", how: "Index Only Scan (no index condition)" },
      { relation: "d_children", how: "Bitmap Index Scan (no index condition)" },
    ]);
  });
});

describeIf(postgresAvailable())(`agency adapters at ${FAMILIES.toLocaleString("en-GB")} families on PostgreSQL`, () => {
  let databases: Record<Agency, AgencyDatabase>;
  beforeAll(() => {
    databases = generateBorough({
      seed: 1,
      referenceDate: REFERENCE_DATE,
      families: FAMILIES,
      noise: "default",
    }).databases;
  }, 300_000);

  // Each case is checked against its own port above.
  const agencies: AgencyCase<any>[] = [maternity, healthVisiting, childrensCentres, registration, socialCare];
  it.each(agencies.map((a) => [a.agency, a] as const))(
    "%s: every query reaches its rows through an index",
    async (_agency, spec) => {
      expect(await explainAdapter(spec, databases[spec.agency])).toEqual([]);
    },
    600_000,
  );
});
