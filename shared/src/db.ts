import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { Pool, types as pgTypes, type PoolConfig } from "pg";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The one way services talk to a PostgreSQL database, whether a real server (pg) or the
 * embedded PGlite. Both speak the same SQL and `$1` parameters. Dates and timestamps come
 * back as the strings PostgreSQL printed, never as JS Dates, so no time zone can shift them.
 */
export interface Db {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs one or more statements without parameters (DDL, seeding). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  readonly kind: "postgres" | "pglite";
}

const TEXT_TYPES = [1082 /* date */, 1083 /* time */, 1114 /* timestamp */, 1184 /* timestamptz */];

class PgDb implements Db {
  readonly kind = "postgres" as const;
  constructor(private readonly pool: Pool) {}

  async query<Row extends object>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query(sql, params as unknown[]);
    return result.rows as Row[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

class PgliteDb implements Db {
  readonly kind = "pglite" as const;
  constructor(private readonly lite: PGlite) {}

  async query<Row extends object>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.lite.query<Row>(sql, params as unknown[]);
    return result.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.lite.exec(sql);
  }

  async close(): Promise<void> {
    if (!this.lite.closed) await this.lite.close();
  }
}

/**
 * How long a database may take before the caller is told it is unavailable. Without these a
 * locked row or a server that never answers holds a request (and the reader waiting on it)
 * for ever. 0 turns one off (only for operator tools such as seeding, never for a service).
 */
export interface DbTimeouts {
  /** PostgreSQL `statement_timeout`: the server cancels a statement running longer (57014). */
  statementMs: number;
  /** PostgreSQL `lock_timeout`: the server fails a statement waiting longer for a lock (55P03). */
  lockMs: number;
  /**
   * pg's client-side `query_timeout`: for a server that never answers at all (the two above
   * need a server that is there). The connection is dropped from the pool. Set it above
   * statementMs, so that normally the server's own cancellation answers first.
   */
  queryMs: number;
}

/** The defaults (also those of DB_STATEMENT_TIMEOUT_MS, DB_LOCK_TIMEOUT_MS, DB_QUERY_TIMEOUT_MS). */
export const DEFAULT_DB_TIMEOUTS: Readonly<DbTimeouts> = Object.freeze({
  statementMs: 5_000,
  lockMs: 2_000,
  queryMs: 8_000,
});

/** No timeouts at all: for operator tools that run long statements on purpose (seeding a borough). */
export const NO_DB_TIMEOUTS: Readonly<DbTimeouts> = Object.freeze({ statementMs: 0, lockMs: 0, queryMs: 0 });

export interface PostgresOptions {
  /** Open every session read-only: agency systems are read, never written. */
  readOnly?: boolean;
  max?: number;
  /** Default DEFAULT_DB_TIMEOUTS: every pool has them unless it says otherwise. */
  timeouts?: DbTimeouts;
}

export function connectPostgres(url: string, options: PostgresOptions = {}): Db {
  const parsers = Object.fromEntries(TEXT_TYPES.map((oid) => [oid, (v: string) => v]));
  const timeouts = options.timeouts ?? DEFAULT_DB_TIMEOUTS;
  const config: PoolConfig = {
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    // Sent as startup parameters, so they hold for every statement on every connection.
    ...(timeouts.statementMs > 0 ? { statement_timeout: timeouts.statementMs } : {}),
    ...(timeouts.lockMs > 0 ? { lock_timeout: timeouts.lockMs } : {}),
    ...(timeouts.queryMs > 0 ? { query_timeout: timeouts.queryMs } : {}),
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        parsers[oid] ?? pgTypes.getTypeParser(oid, format)) as typeof pgTypes.getTypeParser,
    },
    ...(options.readOnly ? { options: "-c default_transaction_read_only=on" } : {}),
  };
  const pool = new Pool(config);
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => undefined);
  return new PgDb(pool);
}

/**
 * An embedded PGlite database: in memory, or kept in `dataDir` (a folder only this process may
 * have open: see openEmbeddedStore, which takes the lock). PGlite is one connection inside this
 * process, so no other session can hold a lock on it and the timeouts above do not apply.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const passThrough = (v: string) => v;
  const lite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: Object.fromEntries(TEXT_TYPES.map((oid) => [oid, passThrough])),
  });
  void pgliteTypes;
  return new PgliteDb(lite);
}

let pgliteVersionRead: string | undefined;

/**
 * The PGlite package this process embeds (its package.json's version): a kept embedded database
 * is generated again when it changes, as its files are that version's.
 */
export function pgliteVersion(): string {
  if (pgliteVersionRead !== undefined) return pgliteVersionRead;
  // Its package.json is not among its exports: found from its entry point, up.
  for (let dir = path.dirname(require.resolve("@electric-sql/pglite")); ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "@electric-sql/pglite" && pkg.version) return (pgliteVersionRead = pkg.version);
    }
    if (path.dirname(dir) === dir) throw new Error("the PGlite package's version could not be read");
  }
}

/** Wraps a Db and counts the queries it is asked, for tests that prove batching. */
export class CountingDb implements Db {
  readonly statements: string[] = [];
  constructor(private readonly inner: Db) {}
  get kind() {
    return this.inner.kind;
  }
  get count(): number {
    return this.statements.length;
  }
  reset(): void {
    this.statements.length = 0;
  }
  query<Row extends object>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    this.statements.push(sql);
    return this.inner.query<Row>(sql, params);
  }
  exec(sql: string): Promise<void> {
    return this.inner.exec(sql);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Quotes a value as an SQL literal, for generated seed scripts (never for user input). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} as SQL`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** Builds multi-row INSERT statements, `chunk` rows each. */
export function insertStatements(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  chunk = 1000,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const values = rows
      .slice(i, i + chunk)
      .map((r) => `(${r.map(sqlLiteral).join(",")})`)
      .join(",\n");
    out.push(`INSERT INTO ${table} (${columns.join(", ")}) VALUES\n${values};`);
  }
  return out;
}
