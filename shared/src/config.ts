import { z } from "zod";
import { isIsoDate, todayIso } from "./dates";
import { DEFAULT_CACHE_INVALIDATE_MS } from "./agency-kit/cache-invalidation";
import { DEFAULT_CACHE_MAX_ENTRIES, DEFAULT_REDIS_COMMAND_TIMEOUT_MS } from "./cache";
import { DEFAULT_DB_TIMEOUTS, type DbTimeouts } from "./db";

/** A configuration problem: every one found is listed, not just the first. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment once, into a frozen typed object. Nothing else reads process.env.
 */
export function parseConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<z.infer<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      service,
      result.error.issues.map((i) => `${i.path.join(".") || "(environment)"}: ${i.message}`),
    );
  }
  return Object.freeze(result.data) as Readonly<z.infer<S>>;
}

/** For entry points: parse, or print every problem and exit non-zero. */
export function loadConfigOrExit<S extends z.ZodType>(
  service: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<z.infer<S>> {
  try {
    return parseConfig(service, schema, env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + "\n");
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

/** A secret setting: required, 32+ characters, never defaulted. */
const requiredSecret = z
  .string({
    error: (issue) =>
      issue.input === undefined ? "is required (32+ characters; npm start generates one per run)" : undefined,
  })
  .min(32, "must be at least 32 characters");

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), "must be a postgres:// connection string");

/** A database timeout in milliseconds: at least 100 ms, at most 10 minutes. */
const dbMillis = (fallback: number) => z.coerce.number().int().min(100).max(600_000).default(fallback);

/** An OTLP endpoint: an http(s) URL, trailing slashes dropped; unset or empty: none. */
const otlpUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.replace(/\/+$/, "") : undefined))
  .refine((v) => v === undefined || /^https?:\/\/[^/]+/.test(v), "must be an http(s) URL (an OTLP over HTTP endpoint)");

/** The OpenTelemetry settings every service reads (their standard names); see tracing.ts and the README. */
export const tracingEnv = {
  /** The collector's OTLP over HTTP base URL; traces go to <it>/v1/traces. Unset: no traces (the default). */
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl,
  /** The full URL traces are sent to, used as it is; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl,
  /** true: no traces whatever the endpoints say. */
  OTEL_SDK_DISABLED: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .refine((v) => !v || v === "true" || v === "false", "must be true or false")
    .transform((v) => v === "true"),
  /** The service name traces carry; unset: the service's registry name (gateway, maternity, ...). */
  OTEL_SERVICE_NAME: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine(
      (v) => v === undefined || /^[A-Za-z0-9._-]{1,100}$/.test(v),
      "must be 1-100 letters, digits, dots, dashes or underscores",
    ),
};

/** Settings every service shares. */
export const baseEnv = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Interface to listen on: loopback by default; 0.0.0.0 in containers. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** The date the synthetic borough and review statuses are computed as of (default today). */
  REFERENCE_DATE: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : todayIso()))
    .refine(isIsoDate, "must be a date as YYYY-MM-DD"),
  BOROUGH_SEED: z.coerce.number().int().default(1),
  BOROUGH_FAMILIES: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  /**
   * Redis for the cross-request caches (the centre directory, and the agencies' records before
   * any policy, for AGENCY_CACHE_TTL_SECONDS): as private as the agency systems; unset: in memory.
   */
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^rediss?:\/\//.test(v), "must be a redis:// or rediss:// URL"),
  /** How long an agency subgraph keeps a record it read (0: records are not cached); at most 10 minutes. */
  AGENCY_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  /**
   * How often an agency subgraph with records cached reads its own change log to drop the records
   * that changed (from 100 ms to a minute).
   */
  AGENCY_CACHE_INVALIDATE_MS: z.coerce.number().int().min(100).max(60_000).default(DEFAULT_CACHE_INVALIDATE_MS),
  /** The in-memory cache's bound (without REDIS_URL), least recently used evicted first. */
  CACHE_MAX_ENTRIES: z.coerce.number().int().min(100).max(10_000_000).default(DEFAULT_CACHE_MAX_ENTRIES),
  /** The longest wait for one Redis command before the cache is bypassed and the agency system asked. */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(DEFAULT_REDIS_COMMAND_TIMEOUT_MS),
  /**
   * The bearer token `/metrics` asks for (32+ characters). Unset: `/metrics` is open outside
   * production and not served in production.
   */
  METRICS_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 32, "must be at least 32 characters"),
  /**
   * Signs service-to-service tokens (gateway to subgraphs, family-index to the identity feeds).
   * Required in every mode, with no default: a secret written in the code would open every
   * subgraph to anyone who has read it. `npm start` generates one per run.
   */
  INTERNAL_TOKEN_SECRET: requiredSecret,
  /** Every PostgreSQL pool (audit, link store, agency systems): the server cancels a longer statement. */
  DB_STATEMENT_TIMEOUT_MS: dbMillis(DEFAULT_DB_TIMEOUTS.statementMs),
  /** ... and fails a statement that waits longer for a lock (a locked audit chain head, a locked table). */
  DB_LOCK_TIMEOUT_MS: dbMillis(DEFAULT_DB_TIMEOUTS.lockMs),
  /** ... and the client gives up on a server that does not answer at all (keep it above the statement timeout). */
  DB_QUERY_TIMEOUT_MS: dbMillis(DEFAULT_DB_TIMEOUTS.queryMs),
  /**
   * Where embedded stores (audit trail, link store) keep their data without a database URL;
   * relative to the repository root. Unset: `<repo>/.data` (in memory under NODE_ENV=test).
   */
  DATA_DIR: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  ...tracingEnv,
};

/** The database timeouts a service's configuration sets (see baseEnv). */
export function dbTimeoutsOf(c: {
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_LOCK_TIMEOUT_MS: number;
  DB_QUERY_TIMEOUT_MS: number;
}): DbTimeouts {
  return { statementMs: c.DB_STATEMENT_TIMEOUT_MS, lockMs: c.DB_LOCK_TIMEOUT_MS, queryMs: c.DB_QUERY_TIMEOUT_MS };
}

export const envHelpers = { port, optionalUrl, requiredSecret };
