import type { Db } from "../db";

/**
 * The identity change log: which of an agency's local records changed (new, changed or gone),
 * so that family-index's periodic refresh reads only those instead of the whole feed.
 *
 * In the agency's database it is one table, filled by triggers on the tables the identity feed
 * reads and those the agency's cached records read (each agency's `<AGENCY>_IDENTITY_CHANGE_LOG`
 * statements, beside its schema): a row per local id whose identity record or cached record may
 * have changed, with the writing transaction's id. family-index reads it for its change cursors
 * (a record named for its cached record alone is read again and found unchanged) and the agency
 * itself to drop changed records from its record cache (RecordCacheInvalidator). Reading by
 * transaction id rather than by sequence number alone is what keeps a change from being skipped:
 * a reader only takes changes of transactions older than every one still running (the snapshot's
 * xmin, the "horizon"), so a transaction that took a lower sequence number but commits later is
 * still ahead of the cursor when it commits.
 */
export interface IdentityChangeLog {
  /**
   * Which log this is and its horizon now (every change of a transaction before the horizon is
   * committed, or rolled back, and readable); null when the agency's database keeps no change log.
   */
  position(): Promise<ChangeLogPosition | null>;
  /**
   * Up to `limit` changes of transactions from `since` (included) to `until` (excluded), in
   * order, after the change `after` (null: from the first). Each change has an opaque key to
   * pass as `after`.
   */
  changes(
    since: string,
    until: string,
    after: string | null,
    limit: number,
  ): Promise<{ key: string; localId: string }[]>;
}

/**
 * Where a change log stands: its identity (`log`, a random id written once when the log is
 * created: a database generated again, or another database, has another) and its horizon.
 * Positions (horizons, `since`, `until`) are whole numbers in decimal that only grow within one log.
 */
export interface ChangeLogPosition {
  log: string;
  horizon: string;
}

/**
 * The change log's tables: created once, with the triggers, after the agency's data is loaded.
 * `ffd_change_log` holds the log's identity, one row written when the log is created (installing
 * the statements again keeps it): every cursor carries it, so that a cursor from another log (the
 * database generated again, or restored into another server) is answered "gone", never read
 * against positions that mean something else.
 */
export const IDENTITY_CHANGE_LOG_TABLE = `
CREATE TABLE IF NOT EXISTS ffd_identity_change (
  seq      BIGSERIAL PRIMARY KEY,
  xid      XID8 NOT NULL DEFAULT pg_current_xact_id(),
  local_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ffd_identity_change_by_xid ON ffd_identity_change (xid, seq);
CREATE TABLE IF NOT EXISTS ffd_change_log (
  one    BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
  log_id TEXT NOT NULL
);
INSERT INTO ffd_change_log (log_id) VALUES (gen_random_uuid()::text) ON CONFLICT DO NOTHING;
`;

/**
 * A trigger on `table` logging, for every row inserted, updated or deleted (old and new values),
 * the local ids whose identity record or cached record reads that row: `localIds` is a SELECT of one text column
 * over the row as `r` (e.g. `SELECT r.client_no::text`, or the row's own id and those of the
 * records that show it as a relation).
 */
export function identityChangeTrigger(table: string, localIds: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a plain table name: ${table}`);
  const name = `ffd_identity_change_${table}`;
  return `
CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE r record;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    r := OLD;
    INSERT INTO ffd_identity_change (local_id) SELECT id FROM (${localIds}) AS ids(id) WHERE id IS NOT NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    r := NEW;
    INSERT INTO ffd_identity_change (local_id) SELECT id FROM (${localIds}) AS ids(id) WHERE id IS NOT NULL;
  END IF;
  RETURN NULL;
END
$fn$;
DROP TRIGGER IF EXISTS ${name} ON ${table};
CREATE TRIGGER ${name} AFTER INSERT OR UPDATE OR DELETE ON ${table}
  FOR EACH ROW EXECUTE FUNCTION ${name}();
`;
}

/** The change log in the agency's own PostgreSQL (or PGlite) database. */
export class PostgresIdentityChangeLog implements IdentityChangeLog {
  private present = false;

  constructor(private readonly db: Db) {}

  async position(): Promise<ChangeLogPosition | null> {
    if (!this.present) {
      // A log without its identity (installed before logs had one) is no log: install it again.
      const [row] = await this.db.query<{ present: boolean }>(
        "SELECT to_regclass('ffd_identity_change') IS NOT NULL AND to_regclass('ffd_change_log') IS NOT NULL AS present",
      );
      if (!row?.present) return null;
      this.present = true;
    }
    const [row] = await this.db.query<{ log: string | null; horizon: string }>(
      `SELECT (SELECT log_id FROM ffd_change_log) AS log, pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`,
    );
    return row?.log ? { log: row.log, horizon: row.horizon } : null;
  }

  async changes(
    since: string,
    until: string,
    after: string | null,
    limit: number,
  ): Promise<{ key: string; localId: string }[]> {
    const from = after === null ? null : parseKey(after);
    if (!/^\d+$/.test(since) || !/^\d+$/.test(until) || (after !== null && from === null))
      throw new RangeError("not a change log position");
    // A change read within [since, until) goes on after a change of that range, never another.
    if (from && (BigInt(from.xid) < BigInt(since) || BigInt(from.xid) >= BigInt(until)))
      throw new RangeError("not a change of this read");
    const rows = await this.db.query<{ xid: string; seq: string; local_id: string }>(
      `SELECT xid::text AS xid, seq::text AS seq, local_id FROM ffd_identity_change
        WHERE xid >= $1::xid8 AND xid < $2::xid8 ${from ? "AND (xid, seq) > ($4::xid8, $5::bigint)" : ""}
        ORDER BY xid, seq
        LIMIT $3::int`,
      from ? [since, until, limit, from.xid, from.seq] : [since, until, limit],
    );
    return rows.map((r) => ({ key: `${r.xid}.${r.seq}`, localId: r.local_id }));
  }
}

function parseKey(key: string): { xid: string; seq: string } | null {
  const m = /^(\d+)\.(\d+)$/.exec(key);
  return m ? { xid: m[1], seq: m[2] } : null;
}
