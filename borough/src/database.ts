import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  connectPostgres,
  insertStatements,
  openEmbeddedStore,
  openPglite,
  pgliteVersion,
  type Agency,
  type Db,
  type DbTimeouts,
  type Logger,
  type OpenEmbeddedAgencyDatabase,
} from "@ffd/shared";
import { CHILDRENS_CENTRES_IDENTITY_CHANGE_LOG } from "./agencies/childrens-centres.schema";
import { CHILDRENS_SOCIAL_CARE_IDENTITY_CHANGE_LOG } from "./agencies/childrens-social-care.schema";
import { HEALTH_VISITING_IDENTITY_CHANGE_LOG } from "./agencies/health-visiting.schema";
import { MATERNITY_IDENTITY_CHANGE_LOG } from "./agencies/maternity.schema";
import { REGISTRATION_IDENTITY_CHANGE_LOG } from "./agencies/registration.schema";
import { generateBorough } from "./generate";
import type { AgencyDatabase, BoroughOptions } from "./types";

/** Rows per INSERT statement, and the size of SQL sent in one round trip. */
const ROWS_PER_INSERT = 1000;
const BATCH_CHARS = 2_000_000;

/**
 * Creates an agency's tables and inserts its rows (into an empty database). Multi-row INSERTs
 * are sent a few thousand rows at a time: one simple-protocol round trip runs as one implicit
 * transaction, which is what makes seeding fast on both PostgreSQL and PGlite.
 */
export async function seedAgencyDatabase(db: Db, database: AgencyDatabase): Promise<void> {
  await db.exec(database.schema);
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db.exec(batch.join("\n"));
    batch = [];
    size = 0;
  };
  for (const t of database.tables) {
    for (const stmt of insertStatements(t.table, t.columns, t.rows, ROWS_PER_INSERT)) {
      batch.push(stmt);
      size += stmt.length;
      if (size >= BATCH_CHARS) await flush();
    }
  }
  await flush();
  // After the rows, so that the seed itself is not logged as changes.
  if (database.changeLog) await db.exec(database.changeLog);
}

/** The folder, under the data folder, that keeps each agency's embedded database (`agencies/<agency>`). */
export const EMBEDDED_AGENCIES_FOLDER = "agencies";

/** The table an embedded agency database records what it was generated from in. */
const GENERATED_FROM_TABLE = "ffd_generated_from";

/**
 * Opens an agency's embedded database: PGlite holding the synthetic borough, switched to
 * read-only. The agency kit's runner (`runAgency` in @ffd/shared) loads this, by a dynamic
 * import, only when the service has no database URL: a service given its database never loads
 * the generator.
 *
 * With a data folder the database is kept in `<data folder>/agencies/<agency>` and generated only
 * when what it was generated from has changed (the borough's seed, reference date, size and noise,
 * or this package's code: a changed generator or schema): a restart opens it as it is, without
 * generating the borough again. Without one (tests) it is generated in memory on every start.
 */
export const openEmbeddedAgencyDatabase: OpenEmbeddedAgencyDatabase = (agency, borough, logger) =>
  openEmbedded(agency, { ...borough, noise: "default" }, logger, borough.dataDir ?? null);

async function openEmbedded(
  agency: Agency,
  borough: BoroughOptions,
  logger: Logger,
  dataDir: string | null = null,
): Promise<Db> {
  const started = Date.now();
  const db = dataDir
    ? await openEmbeddedStore(path.join(dataDir, EMBEDDED_AGENCIES_FOLDER), agency, { logger })
    : await openPglite();
  try {
    const wanted = generatedFrom(borough);
    const kept = dataDir !== null && (await generatedFromOf(db)) === wanted;
    if (!kept) {
      if (dataDir) await db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      await seedAgencyDatabase(db, generateBorough(borough).databases[agency]);
      // Written last: a start stopped while seeding leaves no record, so the next start seeds afresh.
      await db.exec(`CREATE TABLE ${GENERATED_FROM_TABLE} (options TEXT NOT NULL)`);
      await db.query(`INSERT INTO ${GENERATED_FROM_TABLE} (options) VALUES ($1)`, [wanted]);
    }
    await db.exec("SET default_transaction_read_only = on;");
    logger.info("agency_db.embedded", {
      agency,
      families: borough.families,
      seed: borough.seed,
      kept: dataDir === null ? "in memory" : kept ? "kept from the last start" : "generated",
      ms: Date.now() - started,
    });
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** What an embedded database was generated from, or null if it holds no record of it (new, or seeding stopped). */
async function generatedFromOf(db: Db): Promise<string | null> {
  const [{ table }] = await db.query<{ table: string | null }>("SELECT to_regclass($1)::text AS table", [
    GENERATED_FROM_TABLE,
  ]);
  if (table === null) return null;
  const rows = await db.query<{ options: string }>(`SELECT options FROM ${GENERATED_FROM_TABLE}`);
  return rows.length === 1 ? rows[0].options : null;
}

/**
 * The borough's options and a fingerprint of what generates it and what it is kept in, as one
 * string: this package's code, the agency kit's change log statements (they come from
 * `@ffd/shared`, so a change to them is not in this package's code) and the PGlite version.
 */
export function generatedFrom(borough: BoroughOptions): string {
  const { seed, referenceDate, families, noise } = borough;
  return JSON.stringify({
    seed,
    referenceDate,
    families,
    noise,
    generator: generatorFingerprint(),
    changeLog: changeLogFingerprint(),
    pglite: pgliteVersion(),
  });
}

/** A hash of every agency's change log statements as the kit writes them now. */
function changeLogFingerprint(): string {
  return createHash("sha256")
    .update(
      [
        MATERNITY_IDENTITY_CHANGE_LOG,
        HEALTH_VISITING_IDENTITY_CHANGE_LOG,
        CHILDRENS_CENTRES_IDENTITY_CHANGE_LOG,
        REGISTRATION_IDENTITY_CHANGE_LOG,
        CHILDRENS_SOCIAL_CARE_IDENTITY_CHANGE_LOG,
      ].join("\0"),
    )
    .digest("hex");
}

let fingerprint: string | undefined;

/** A hash of this package's code (compiled, or the sources under the tests): its generator and its schemas. */
function generatorFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash("sha256");
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.(js|ts)$/.test(entry.name) && !/\.(d|test)\.ts$/.test(entry.name)) {
        hash.update(path.relative(__dirname, file)).update("\0").update(readFileSync(file)).update("\0");
      }
    }
  };
  visit(__dirname);
  fingerprint = hash.digest("hex");
  return fingerprint;
}

/**
 * Opens an agency system's database: the real PostgreSQL server at `url` (read-only sessions,
 * with statement, lock and client timeouts, so a locked table or a silent server makes the
 * agency answer AGENCY_UNAVAILABLE instead of holding the request), or, without one, an
 * embedded PGlite database seeded with the synthetic borough and then switched to read-only.
 * For tests and tools; a service's entry point opens its database through the kit's runner.
 */
export async function openAgencyDatabase(
  agency: Agency,
  url: string | undefined,
  borough: BoroughOptions,
  logger: Logger,
  timeouts?: DbTimeouts,
): Promise<Db> {
  if (url) {
    logger.info("agency_db.postgres", { agency, ...timeouts });
    return connectPostgres(url, { readOnly: true, timeouts });
  }
  return openEmbedded(agency, borough, logger);
}
