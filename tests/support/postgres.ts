import { connectPostgres, openPglite, type Db } from "@ffd/shared";
import { Client } from "pg";
import { describeIf, serviceAvailable } from "./services";

/** The real PostgreSQL server the CI and development machines run. */
export const PG_ADMIN_URL = process.env.PG_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let available: boolean | undefined;
/** The same decision made when a test file loads, for `describeIf(postgresAvailable())`. */
export function postgresAvailable(): boolean {
  available ??= serviceAvailable(
    "PostgreSQL",
    PG_ADMIN_URL.replace(/\/\/[^@]*@/, "//"),
    `const { Client } = require("pg");
     const c = new Client({ connectionString: ${JSON.stringify(PG_ADMIN_URL)}, connectionTimeoutMillis: 3000 });
     c.connect().then(() => c.query("SELECT 1")).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`,
  );
  return available;
}

/** One of the databases a suite runs on; `postgres` marks the real PostgreSQL server's. */
export interface DatabaseVariant {
  name: string;
  postgres?: boolean;
}

/**
 * `describe.each(variants)(title, suite)` for a suite run on each database: one `describe` per
 * variant, titled with `$name` replaced by the variant's name. A PostgreSQL variant is
 * `describeIf(postgresAvailable())`: required in CI, reported as skipped elsewhere when the server
 * is unreachable (never passing without asserting).
 */
export function describeEachDatabase<V extends DatabaseVariant>(
  variants: readonly V[],
): (title: string, suite: (variant: V) => void) => void {
  return (title, suite) => {
    for (const variant of variants) {
      describeIf(!variant.postgres || postgresAvailable())(title.replace("$name", variant.name), () => suite(variant));
    }
  };
}

/** A prefix unique to this test process, so concurrent runs on one server never share a database. */
export const RUN_ID = `${process.pid}_${Date.now().toString(36)}`;

export async function dropDatabase(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Drops and creates a database, returning its URL. */
export async function freshDatabase(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A database a suite opens for itself and lets go of when done. */
export interface OpenedDatabaseVariant extends DatabaseVariant {
  open(): Promise<Db>;
  done(): Promise<void>;
}

/**
 * The two databases an adapter serves, for `describeEachDatabase`: embedded PGlite, and the real
 * PostgreSQL server in a fresh database `<prefix>_<RUN_ID>` of this test process's own, dropped
 * when done.
 */
export function pgliteAndPostgres(prefix: string): OpenedDatabaseVariant[] {
  const name = `${prefix}_${RUN_ID}`;
  return [
    { name: "PGlite", open: () => openPglite(), done: async () => undefined },
    {
      name: "PostgreSQL",
      postgres: true,
      open: async () => connectPostgres(await freshDatabase(name)),
      done: () => dropDatabase(name),
    },
  ];
}
