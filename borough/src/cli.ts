#!/usr/bin/env node
/**
 * Seeds the four agency systems' databases with the synthetic borough, or writes them as SQL
 * files, and optionally writes the ground truth for linkage evaluation.
 *
 *   node borough/dist/cli.js [--families N] [--seed S] [--reference-date YYYY-MM-DD]
 *                            [--noise default|hard] [--truth FILE] [--sql DIR]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import {
  AGENCIES,
  AGENCY_SERVICES,
  connectPostgres,
  NO_DB_TIMEOUTS,
  envHelpers,
  insertStatements,
  isIsoDate,
  parseConfig,
  todayIso,
  ConfigError,
  type Agency,
  type Db,
} from "@ffd/shared";
import { seedAgencyDatabase } from "./database";
import { DEFAULT_FAMILIES, generateBorough, MAX_FAMILIES } from "./generate";
import { truthCsv } from "./truth";
import type { AgencyDatabase, BoroughOptions } from "./types";

export const USAGE = `Usage: node borough/dist/cli.js [options]

Generates the synthetic borough and seeds each agency system's PostgreSQL database named by
MATERNITY_DATABASE_URL, HEALTH_VISITING_DATABASE_URL, CHILDRENS_CENTRES_DATABASE_URL and
REGISTRATION_DATABASE_URL (those that are set; the agency's tables are dropped and recreated).

Options:
  --families N                 households to generate, story families included (default ${DEFAULT_FAMILIES})
  --seed S                     integer seed (default 1)
  --reference-date YYYY-MM-DD  the borough's "today" (default: today)
  --noise default|hard         identity noise across agencies (default "default")
  --truth FILE                 also write the ground truth CSV for linkage evaluation
  --sql DIR                    write <agency>.sql files to DIR instead of seeding databases
  -h, --help                   show this help
`;

/** Each agency's `<PREFIX>_DATABASE_URL`, from the service registry. */
export const DATABASE_URL_VARIABLES: Readonly<Record<Agency, string>> = Object.fromEntries(
  AGENCY_SERVICES.map((a) => [a.name, `${a.envPrefix}_DATABASE_URL`]),
) as Record<Agency, string>;

const envSchema = z.object(
  Object.fromEntries(AGENCY_SERVICES.map((a) => [`${a.envPrefix}_DATABASE_URL`, envHelpers.optionalUrl])),
) as z.ZodType<Partial<Record<string, string>>>;

/** A problem with how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export interface CliCommand {
  options: BoroughOptions;
  truthFile: string | null;
  sqlDir: string | null;
  help: boolean;
}

export function parseCommand(argv: readonly string[], today: string = todayIso()): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        families: { type: "string" },
        seed: { type: "string" },
        "reference-date": { type: "string" },
        noise: { type: "string" },
        truth: { type: "string" },
        sql: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  const problems: string[] = [];
  const int = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      problems.push(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
      return fallback;
    }
    return n;
  };
  const families = int("families", v.families, DEFAULT_FAMILIES, 0, MAX_FAMILIES);
  const seed = int("seed", v.seed, 1, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const referenceDate = v["reference-date"] ?? today;
  if (!isIsoDate(referenceDate)) problems.push(`--reference-date must be a date as YYYY-MM-DD, not "${referenceDate}"`);
  const noise = v.noise ?? "default";
  if (noise !== "default" && noise !== "hard") problems.push(`--noise must be "default" or "hard", not "${noise}"`);
  for (const name of ["truth", "sql"] as const)
    if (v[name] !== undefined && v[name]!.trim() === "") problems.push(`--${name} needs a path`);
  if (problems.length) throw new UsageError(problems.join("\n"));
  return {
    options: { seed, referenceDate, families, noise: noise as BoroughOptions["noise"] },
    truthFile: v.truth ?? null,
    sqlDir: v.sql ?? null,
    help: v.help === true,
  };
}

/** One agency's database as a SQL script: drop its tables, create them, insert the rows. */
export function agencySql(database: AgencyDatabase): string {
  const drops = [...database.tables].reverse().map((t) => `DROP TABLE IF EXISTS ${t.table} CASCADE;`);
  const parts = [`-- ${database.agency}: synthetic borough (generated; do not edit)`, ...drops, database.schema.trim()];
  for (const t of database.tables) parts.push(...insertStatements(t.table, t.columns, t.rows, 1000));
  return parts.join("\n") + "\n";
}

async function dropTables(db: Db, database: AgencyDatabase): Promise<void> {
  await db.exec(
    [...database.tables]
      .reverse()
      .map((t) => `DROP TABLE IF EXISTS ${t.table} CASCADE;`)
      .join("\n"),
  );
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs the command; returns the process exit code. */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
  today?: string,
): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCommand(argv, today);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (command.help) {
    io.out(USAGE);
    return 0;
  }
  let urls: Partial<Record<Agency, string>> = {};
  if (command.sqlDir === null) {
    let config: z.infer<typeof envSchema>;
    try {
      config = parseConfig("borough", envSchema, env);
    } catch (err) {
      if (err instanceof ConfigError) {
        io.err(err.message);
        return 78;
      }
      throw err;
    }
    urls = Object.fromEntries(
      AGENCIES.flatMap((a) =>
        config[DATABASE_URL_VARIABLES[a] as keyof typeof config]
          ? [[a, config[DATABASE_URL_VARIABLES[a] as keyof typeof config]!]]
          : [],
      ),
    );
    if (Object.keys(urls).length === 0) {
      io.err(
        `No agency database to seed: none of ${AGENCIES.map((a) => DATABASE_URL_VARIABLES[a]).join(", ")} is set.\n` +
          `Set at least one to a postgres:// connection string, or pass --sql DIR to write SQL files instead.\n\n${USAGE}`,
      );
      return 2;
    }
  }

  const started = Date.now();
  const { options } = command;
  const borough = generateBorough(options);
  io.out(
    `Generated ${options.families} families (seed ${options.seed}, reference date ${options.referenceDate}, noise ${options.noise}) in ${Date.now() - started} ms.`,
  );

  if (command.sqlDir !== null) {
    mkdirSync(command.sqlDir, { recursive: true });
    for (const agency of AGENCIES) {
      const file = join(command.sqlDir, `${agency}.sql`);
      writeFileSync(file, agencySql(borough.databases[agency]));
      io.out(`Wrote ${file} (${rowCount(borough.databases[agency])} rows).`);
    }
  } else {
    // The agencies' databases are seeded side by side; results are reported in agency order.
    const results = await Promise.all(
      AGENCIES.map(async (agency): Promise<{ ok: boolean; line: string }> => {
        const url = urls[agency];
        if (!url) return { ok: true, line: `Skipped ${agency}: ${DATABASE_URL_VARIABLES[agency]} is not set.` };
        // Seeding a large borough runs long statements on purpose: an operator tool, without timeouts.
        const db = connectPostgres(url, { max: 1, timeouts: NO_DB_TIMEOUTS });
        const t0 = Date.now();
        try {
          await dropTables(db, borough.databases[agency]);
          await seedAgencyDatabase(db, borough.databases[agency]);
          return {
            ok: true,
            line: `Seeded ${agency} at ${describeUrl(url)}: ${rowCount(borough.databases[agency])} rows in ${Date.now() - t0} ms.`,
          };
        } catch (err) {
          return { ok: false, line: `Could not seed ${agency} at ${describeUrl(url)}: ${(err as Error).message}` };
        } finally {
          await db.close();
        }
      }),
    );
    for (const r of results) (r.ok ? io.out : io.err)(r.line);
    if (results.some((r) => !r.ok)) return 1;
  }

  if (command.truthFile !== null) {
    writeFileSync(command.truthFile, truthCsv(borough.truth));
    io.out(`Wrote ${command.truthFile} (${borough.truth.length} truth records).`);
  }
  return 0;
}

function rowCount(db: AgencyDatabase): number {
  return db.tables.reduce((n, t) => n + t.rows.length, 0);
}

/** Host and database of a connection string, never its credentials. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "(the configured server)";
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(line + "\n"),
    err: (line) => process.stderr.write(line + "\n"),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
