import {
  connectPostgres,
  createLogger,
  dataDirOf,
  dbTimeoutsOf,
  errorFields,
  loadConfigOrExit,
  openEmbeddedStore,
  openPglite,
  type Db,
  type Logger,
} from "@ffd/shared";
import { familyIndexEnv, type FamilyIndexConfig } from "./config";
import { EMBEDDED_LINK_STORE } from "./store/link-store.postgres";
import { createServer } from "./server";

/**
 * The link store's database: PostgreSQL (with statement, lock and client timeouts), or embedded
 * PGlite kept in `<DATA_DIR>/family-index` so review decisions survive a restart (in memory
 * only under NODE_ENV=test without DATA_DIR).
 */
async function openLinkStoreDb(config: FamilyIndexConfig, logger: Logger): Promise<Db> {
  if (config.FAMILY_INDEX_DATABASE_URL) {
    return connectPostgres(config.FAMILY_INDEX_DATABASE_URL, { timeouts: dbTimeoutsOf(config) });
  }
  const dataDir = dataDirOf(config);
  return dataDir ? openEmbeddedStore(dataDir, EMBEDDED_LINK_STORE, { logger }) : openPglite();
}

async function main(): Promise<void> {
  const config = loadConfigOrExit("family-index", familyIndexEnv);
  const logger = createLogger("family-index", config.LOG_LEVEL);
  const db = await openLinkStoreDb(config, logger);
  logger.info("link_store.opened", { kind: db.kind });
  const server = createServer({ db, config, logger });
  const running = await server.start(config.PORT, config.HOST);
  const shutdown = async (signal: string) => {
    logger.info("service.stopping", { signal });
    await running.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  process.stderr.write(
    JSON.stringify({ level: "error", service: "family-index", event: "startup.failed", ...errorFields(err) }) + "\n",
  );
  process.exit(1);
});
