import { readFileSync } from "node:fs";
import path from "node:path";
import { openPglite, type Db } from "./db";
import { lockEmbeddedStore } from "./embedded-lock";
import type { Logger } from "./log";
import { privateFolder } from "./private-folder";

export { EmbeddedStoreLocked, lockEmbeddedStore } from "./embedded-lock";

/*
 * Where the embedded (PGlite) stores keep their data when no PostgreSQL server is configured:
 * the gateway's audit trail and family-index's link store (with its review decisions), and each
 * agency system's synthetic borough (`agencies/<agency>`, kept between starts: see @ffd/borough's
 * openEmbeddedAgencyDatabase). One folder per store under the data folder.
 *
 * PGlite is PostgreSQL in this process; two processes opening one folder would corrupt it. So a
 * store is opened only with its lock file (`<store>.lock` beside the folder, see embedded-lock.ts),
 * and refused while another live process holds it. The data folder and each store's folder are
 * the owner's alone (0700, see private-folder.ts): PGlite's own files are readable by anyone.
 */

/** The repository root, found from this file (shared/src or shared/dist), never from the cwd. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The data folder when DATA_DIR is unset: git-ignored. */
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, ".data");

/**
 * The folder embedded stores keep their data in, or null for in memory. DATA_DIR (relative
 * paths are taken from the repository root, as every service runs from its own folder);
 * unset: `<repo>/.data`, except under NODE_ENV=test, where tests keep everything in memory so
 * they never write into the repository.
 */
export function dataDirOf(config: { NODE_ENV: string; DATA_DIR?: string | undefined }): string | null {
  if (config.DATA_DIR) return path.resolve(REPO_ROOT, config.DATA_DIR);
  return config.NODE_ENV === "test" ? null : DEFAULT_DATA_DIR;
}

/** No embedded store of this name has been created in the folder yet. */
export class EmbeddedStoreMissing extends Error {
  constructor(
    readonly store: string,
    readonly folder: string,
  ) {
    super(`there is no embedded ${store} store in ${folder} (has the service been started with this DATA_DIR?)`);
    this.name = "EmbeddedStoreMissing";
  }
}

export interface EmbeddedStoreOptions {
  /** Create the folder and the store if missing (services); false: refuse (read-only tools). */
  create?: boolean;
  logger?: Logger;
}

/**
 * Opens the embedded store `<folder>/<store>` as PGlite, holding its lock until the Db is
 * closed, and logs `embedded.data` with the folder so an operator knows where the data is.
 */
export async function openEmbeddedStore(
  folder: string,
  store: string,
  options: EmbeddedStoreOptions = {},
): Promise<Db> {
  const dir = path.join(folder, store);
  if (options.create ?? true) {
    privateFolder(folder);
    privateFolder(dir);
  } else {
    try {
      readFileSync(path.join(dir, "PG_VERSION"));
    } catch {
      throw new EmbeddedStoreMissing(store, folder);
    }
    // A read-only tool tightens a folder an earlier version left open, and refuses another user's.
    privateFolder(folder);
    privateFolder(dir);
  }
  const unlock = lockEmbeddedStore(folder, store);
  let db: Db;
  try {
    db = await openPglite(dir);
  } catch (err) {
    unlock();
    throw err;
  }
  options.logger?.info("embedded.data", { store, folder: dir });
  return new LockedDb(db, unlock);
}

/** A Db that releases its folder's lock once closed. */
class LockedDb implements Db {
  constructor(
    private readonly inner: Db,
    private readonly unlock: () => void,
  ) {}
  get kind() {
    return this.inner.kind;
  }
  query<Row extends object>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.inner.query<Row>(sql, params);
  }
  exec(sql: string): Promise<void> {
    return this.inner.exec(sql);
  }
  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      this.unlock();
    }
  }
}
