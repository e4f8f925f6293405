import {
  connectPostgres,
  dataDirOf,
  dbTimeoutsOf,
  openEmbeddedStore,
  openPglite,
  type Db,
  type Logger,
} from "@ffd/shared";
import type { FamilyIndexConfig } from "../config";

/** The embedded link store's name: its folder `<DATA_DIR>/family-index`, its lock `<DATA_DIR>/family-index.lock`. */
export const EMBEDDED_LINK_STORE = "family-index";

type LinkStoreSettings = Pick<
  FamilyIndexConfig,
  | "NODE_ENV"
  | "DATA_DIR"
  | "FAMILY_INDEX_DATABASE_URL"
  | "DB_STATEMENT_TIMEOUT_MS"
  | "DB_LOCK_TIMEOUT_MS"
  | "DB_QUERY_TIMEOUT_MS"
>;

/**
 * The link store's database: PostgreSQL at FAMILY_INDEX_DATABASE_URL (with statement, lock and
 * client timeouts), or embedded PGlite kept in `<DATA_DIR>/family-index`, so the data stewards'
 * review decisions survive a restart (in memory only under NODE_ENV=test without DATA_DIR).
 */
export async function openLinkStoreDb(config: LinkStoreSettings, logger: Logger): Promise<Db> {
  if (config.FAMILY_INDEX_DATABASE_URL) {
    return connectPostgres(config.FAMILY_INDEX_DATABASE_URL, { timeouts: dbTimeoutsOf(config) });
  }
  const dataDir = dataDirOf(config);
  return dataDir ? openEmbeddedStore(dataDir, EMBEDDED_LINK_STORE, { logger }) : openPglite();
}
