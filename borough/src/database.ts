import {
  connectPostgres,
  insertStatements,
  openPglite,
  type Agency,
  type Db,
  type DbTimeouts,
  type Logger,
  type OpenEmbeddedAgencyDatabase,
} from "@ffd/shared";
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

/**
 * Opens an agency's embedded database: PGlite seeded with the synthetic borough, then switched
 * to read-only. The agency kit's runner (`runAgency` in @ffd/shared) loads this, by a dynamic
 * import, only when the service has no database URL: a service given its database never loads
 * the generator.
 */
export const openEmbeddedAgencyDatabase: OpenEmbeddedAgencyDatabase = (agency, borough, logger) =>
  openEmbedded(agency, { ...borough, noise: "default" }, logger);

async function openEmbedded(agency: Agency, borough: BoroughOptions, logger: Logger): Promise<Db> {
  const started = Date.now();
  const db = await openPglite();
  const data = generateBorough(borough).databases[agency];
  await seedAgencyDatabase(db, data);
  await db.exec("SET default_transaction_read_only = on;");
  logger.info("agency_db.embedded", {
    agency,
    families: borough.families,
    seed: borough.seed,
    ms: Date.now() - started,
  });
  return db;
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
