import {
  connectPostgres,
  createLogger,
  dbTimeoutsOf,
  errorFields,
  insertStatements,
  openPglite,
  type Agency,
  type Db,
  type DbTimeouts,
  type Logger,
  type LogLevel,
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
}

/**
 * Opens an agency system's database: the real PostgreSQL server at `url` (read-only sessions,
 * with statement, lock and client timeouts, so a locked table or a silent server makes the
 * agency answer AGENCY_UNAVAILABLE instead of holding the request), or, without one, an
 * embedded PGlite database seeded with the synthetic borough and then switched to read-only.
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

/** Settings every agency subgraph's entry point reads (all from shared baseEnv and its PORT). */
export interface AgencyServiceSettings {
  LOG_LEVEL: LogLevel | "silent";
  BOROUGH_SEED: number;
  REFERENCE_DATE: string;
  BOROUGH_FAMILIES: number;
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_LOCK_TIMEOUT_MS: number;
  DB_QUERY_TIMEOUT_MS: number;
}

/**
 * The whole of an agency subgraph's entry point: opens the agency system's database (the real
 * server at `databaseUrl`, else embedded PGlite seeded with the synthetic borough), starts the
 * service, and on SIGINT/SIGTERM stops it and closes the database. A failure to start is logged
 * (without personal data) and exits 1.
 */
export async function runAgencyService(
  agency: Agency,
  settings: AgencyServiceSettings,
  databaseUrl: string | undefined,
  start: (db: Db, logger: Logger) => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
  const logger = createLogger(agency, settings.LOG_LEVEL);
  try {
    const db = await openAgencyDatabase(
      agency,
      databaseUrl,
      {
        seed: settings.BOROUGH_SEED,
        referenceDate: settings.REFERENCE_DATE,
        families: settings.BOROUGH_FAMILIES,
        noise: "default",
      },
      logger,
      dbTimeoutsOf(settings),
    );
    const running = await start(db, logger);
    const shutdown = async (signal: string) => {
      logger.info("service.stopping", { signal });
      await running.stop();
      await db.close();
      process.exit(0);
    };
    process.once("SIGINT", () => void shutdown("SIGINT"));
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
  } catch (err) {
    logger.error("service.failed_to_start", errorFields(err));
    process.exit(1);
  }
}
