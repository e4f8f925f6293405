import { connectPostgres, insertStatements, openPglite, type Agency, type Db, type Logger } from "@ffd/shared";
import { generateBorough } from "./generate";
import type { AgencyDatabase, BoroughOptions } from "./types";

/** Creates an agency's tables and inserts its rows (into an empty database). */
export async function seedAgencyDatabase(db: Db, database: AgencyDatabase): Promise<void> {
  await db.exec(database.schema);
  for (const t of database.tables) {
    for (const stmt of insertStatements(t.table, t.columns, t.rows, 500)) await db.exec(stmt);
  }
}

/**
 * Opens an agency system's database: the real PostgreSQL server at `url` (read-only sessions),
 * or, without one, an embedded PGlite database seeded with the synthetic borough and then
 * switched to read-only.
 */
export async function openAgencyDatabase(agency: Agency, url: string | undefined, borough: BoroughOptions, logger: Logger): Promise<Db> {
  if (url) {
    logger.info("agency_db.postgres", { agency });
    return connectPostgres(url, { readOnly: true });
  }
  const started = Date.now();
  const db = await openPglite();
  const data = generateBorough(borough).databases[agency];
  await seedAgencyDatabase(db, data);
  await db.exec("SET default_transaction_read_only = on;");
  logger.info("agency_db.embedded", { agency, families: borough.families, seed: borough.seed, ms: Date.now() - started });
  return db;
}
