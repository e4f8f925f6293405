import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { openPglite, type Db } from "./db";
import type { Logger } from "./log";

/*
 * Where the embedded (PGlite) stores keep their data when no PostgreSQL server is configured:
 * the gateway's audit trail and family-index's link store (with its review decisions). One
 * folder per store under the data folder, so both survive a restart. The agency systems' embedded
 * databases are not here: they are the synthetic borough, seeded afresh on every start.
 *
 * PGlite is PostgreSQL in this process; two processes opening one folder would corrupt it. So a
 * store is opened only with its lock file (`<store>.lock` beside the folder, holding the pid),
 * and refused while another live process holds it.
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

/** Another live process has this embedded store open. */
export class EmbeddedStoreLocked extends Error {
  constructor(
    readonly store: string,
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `the embedded ${store} store in ${folder} is open in a process (pid ${pid}); ` +
        `stop that process first (two processes must never open one PGlite folder at once)`,
    );
    this.name = "EmbeddedStoreLocked";
  }
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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as { code?: string }).code === "EPERM";
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Held locks of this process, released on exit even without close() (crash, process.exit). */
const held = new Set<string>();
let exitHookInstalled = false;

function release(file: string): void {
  if (!held.delete(file)) return;
  try {
    if (readPid(file) === process.pid) unlinkSync(file);
  } catch {
    // Already gone: nothing to release.
  }
}

/**
 * Takes `<folder>/<store>.lock` for this process, or throws EmbeddedStoreLocked while a live
 * process (this one included) holds it. A lock left by a process that is gone is taken over.
 */
export function lockEmbeddedStore(folder: string, store: string): () => void {
  const file = path.join(folder, `${store}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.add(file);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.once("exit", () => [...held].forEach(release));
      }
      return () => release(file);
    } catch (err) {
      if ((err as { code?: string }).code !== "EEXIST") throw err;
      const pid = readPid(file);
      if (pid !== null && alive(pid)) throw new EmbeddedStoreLocked(store, folder, pid);
      // Stale (its process is gone) or half-written: remove it and try once more.
      try {
        unlinkSync(file);
      } catch {
        // Someone else removed it first.
      }
    }
  }
  throw new EmbeddedStoreLocked(store, folder, readPid(file) ?? 0);
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
    mkdirSync(dir, { recursive: true });
  } else {
    try {
      readFileSync(path.join(dir, "PG_VERSION"));
    } catch {
      throw new EmbeddedStoreMissing(store, folder);
    }
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
