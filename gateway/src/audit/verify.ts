import { z } from "zod";
import {
  baseEnv,
  connectPostgres,
  dataDirOf,
  dbTimeoutsOf,
  DataFolderRefused,
  EmbeddedStoreLocked,
  EmbeddedStoreMissing,
  envHelpers,
  openEmbeddedStore,
  type Db,
  type DbTimeouts,
} from "@ffd/shared";
import { EMBEDDED_AUDIT_STORE } from "./store";
import { verifyChain } from "./verify-chain";

/** What `npm run audit:verify` reads: the gateway's own audit settings, nothing else. */
export const verifyEnv = z.object({
  NODE_ENV: baseEnv.NODE_ENV,
  DATA_DIR: baseEnv.DATA_DIR,
  DB_STATEMENT_TIMEOUT_MS: baseEnv.DB_STATEMENT_TIMEOUT_MS,
  DB_LOCK_TIMEOUT_MS: baseEnv.DB_LOCK_TIMEOUT_MS,
  DB_QUERY_TIMEOUT_MS: baseEnv.DB_QUERY_TIMEOUT_MS,
  AUDIT_DATABASE_URL: envHelpers.optionalUrl,
});

/** Where the trail is: PostgreSQL at `url`, else the embedded store in `dataDir` (null: nowhere). */
export interface VerifyTarget {
  url?: string;
  dataDir: string | null;
  timeouts?: DbTimeouts;
}

export function verifyTargetOf(config: z.infer<typeof verifyEnv>): VerifyTarget {
  return { url: config.AUDIT_DATABASE_URL, dataDir: dataDirOf(config), timeouts: dbTimeoutsOf(config) };
}

/** Exit 0: intact; 1: broken; 2: could not be read. Lines for stdout and stderr. */
export interface VerifyReport {
  exitCode: 0 | 1 | 2;
  out: string[];
  err: string[];
}

const cannot = (message: string): VerifyReport => ({ exitCode: 2, out: [], err: [message] });

/**
 * Walks the audit chain from the first event and reports the first edited, deleted or moved
 * event by sequence number and event id (never any personal data). Reads only: on PostgreSQL
 * through read-only sessions; the embedded store is opened only when no other process (a
 * running gateway) has it open, since two processes on one PGlite folder would corrupt it.
 */
export async function verifyAuditTrail(target: VerifyTarget): Promise<VerifyReport> {
  let db: Db;
  let where: string;
  if (target.url) {
    db = connectPostgres(target.url, { readOnly: true, max: 1, timeouts: target.timeouts });
    where = "AUDIT_DATABASE_URL";
  } else if (target.dataDir) {
    try {
      db = await openEmbeddedStore(target.dataDir, EMBEDDED_AUDIT_STORE, { create: false });
    } catch (err) {
      if (err instanceof EmbeddedStoreLocked) {
        return cannot(
          `The embedded audit trail in ${err.folder} is open in a running gateway (pid ${err.pid}). ` +
            "Stop the gateway (or npm start) and run audit:verify again: two processes must never open it at once.",
        );
      }
      if (err instanceof DataFolderRefused) return cannot(`${err.message}.`);
      if (err instanceof EmbeddedStoreMissing) {
        return cannot(
          `There is no embedded audit trail in ${err.folder}: start the gateway once with this DATA_DIR, ` +
            "or set AUDIT_DATABASE_URL to the audit database (postgres://...).",
        );
      }
      throw err;
    }
    where = "the embedded audit trail";
  } else {
    return cannot("Set AUDIT_DATABASE_URL (postgres://...) or DATA_DIR to the folder of the embedded audit trail.");
  }
  try {
    const result = await verifyChain(db);
    if (result.ok) {
      return {
        exitCode: 0,
        out: [`audit chain intact: ${result.count} events`, JSON.stringify({ ok: true, count: result.count })],
        err: [],
      };
    }
    return {
      exitCode: 1,
      out: [
        `audit chain BROKEN after ${result.count} intact events: ${result.problem.message}`,
        JSON.stringify({ ok: false, count: result.count, ...result.problem }),
      ],
      err: [],
    };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return cannot(
      `could not read the audit trail${code ? ` (${String(code)})` : ""}: is ${where} right and the gateway started once?`,
    );
  } finally {
    await db.close();
  }
}
