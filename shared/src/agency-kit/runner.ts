import { createCache } from "../cache";
import { dbTimeoutsOf } from "../config";
import { connectPostgres, type Db } from "../db";
import { dataDirOf } from "../embedded";
import type { Agency } from "../errors";
import { createLogger, errorFields, type Logger, type LogLevel } from "../log";
import { metricsAccessOf, metricsServed } from "../metrics";
import { startTracing, tracedDb, tracingSettingsOf, TRACING_OFF, type TracingConfig } from "../tracing";
import type { AgencyRuntime } from "./service";

/** Settings every agency subgraph's entry point reads (all from shared baseEnv). */
export interface AgencyRunSettings extends TracingConfig {
  NODE_ENV: "development" | "production" | "test";
  LOG_LEVEL: LogLevel | "silent";
  DATA_DIR: string | undefined;
  BOROUGH_SEED: number;
  REFERENCE_DATE: string;
  BOROUGH_FAMILIES: number;
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_LOCK_TIMEOUT_MS: number;
  DB_QUERY_TIMEOUT_MS: number;
  REDIS_URL: string | undefined;
  AGENCY_CACHE_TTL_SECONDS: number;
  AGENCY_CACHE_INVALIDATE_MS: number;
  CACHE_MAX_ENTRIES: number;
  REDIS_COMMAND_TIMEOUT_MS: number;
  METRICS_TOKEN: string | undefined;
}

/** What the synthetic borough is generated from, for an embedded agency database. */
export interface EmbeddedBoroughSettings {
  seed: number;
  referenceDate: string;
  families: number;
  /**
   * The data folder (DATA_DIR; see dataDirOf) that keeps the generated database between starts,
   * or null to generate it in memory on every start (tests).
   */
  dataDir?: string | null;
}

/** Opens an embedded agency database seeded with the synthetic borough (`@ffd/borough`). */
export type OpenEmbeddedAgencyDatabase = (
  agency: Agency,
  borough: EmbeddedBoroughSettings,
  logger: Logger,
) => Promise<Db>;

/** What `runAgency` reads of the agency's parsed settings (its AgencyConfig). */
export interface AgencyRunConfig extends AgencyRunSettings {
  /** The agency system's PostgreSQL (`<PREFIX>_DATABASE_URL`); unset: the embedded default. */
  DATABASE_URL: string | undefined;
  PORT: number;
  HOST?: string;
}

/** An agency's server built over its open database, ready to listen (its createServer's answer). */
export interface RunnableAgencyServer {
  start(port: number, host?: string): Promise<{ stop(): Promise<void> }>;
  /** Closes what the server holds beside the database (a cache connection), after it stops listening. */
  close?(): Promise<void>;
}

export interface RunAgencyOptions {
  agency: Agency;
  config: AgencyRunConfig;
  /**
   * Loads the embedded default, and is called only when there is no database URL: a production
   * service, given its database, never loads the synthetic data generator. Pass a dynamic
   * import (`() => import("@ffd/borough").then((b) => b.openEmbeddedAgencyDatabase)`), never a
   * static one: a static import would load the generator on every start.
   */
  embedded: () => Promise<OpenEmbeddedAgencyDatabase>;
  /**
   * Builds the server over the open database, with the runtime runAgency made for it (the
   * record cache, metrics access: give it to agencyServer); it listens on config.PORT (and HOST)
   * and is stopped on SIGINT/SIGTERM, after which runAgency closes the cache.
   */
  server(db: Db, logger: Logger, runtime: AgencyRuntime): Promise<RunnableAgencyServer>;
}

/** Opens the agency system's database: the real server (read-only, with timeouts) or the embedded default. */
export async function openAgencySystem(options: Omit<RunAgencyOptions, "server">, logger: Logger): Promise<Db> {
  const { agency, config: settings } = options;
  const databaseUrl = settings.DATABASE_URL;
  if (databaseUrl) {
    const timeouts = dbTimeoutsOf(settings);
    logger.info("agency_db.postgres", { agency, ...timeouts });
    return connectPostgres(databaseUrl, { readOnly: true, timeouts });
  }
  const openEmbedded = await options.embedded();
  return openEmbedded(
    agency,
    {
      seed: settings.BOROUGH_SEED,
      referenceDate: settings.REFERENCE_DATE,
      families: settings.BOROUGH_FAMILIES,
      dataDir: dataDirOf(settings),
    },
    logger,
  );
}

/** The record cache (Redis with REDIS_URL, else in memory) and metrics access an agency's settings ask for. */
export function agencyRuntimeOf(agency: Agency, config: AgencyRunSettings): AgencyRuntime {
  return {
    recordCache: {
      cache: createCache(config.REDIS_URL, `ffd:${agency}:`, {
        maxEntries: config.CACHE_MAX_ENTRIES,
        commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
      }),
      ttlSeconds: config.AGENCY_CACHE_TTL_SECONDS,
      invalidateMs: config.AGENCY_CACHE_INVALIDATE_MS,
    },
    metrics: metricsAccessOf(config),
  };
}

/**
 * The whole of an agency subgraph's entry point: opens the agency system's database, starts the
 * service (with records cached, the server's start also starts reading the agency's change log
 * to drop changed records: agencyServer), and on SIGINT/SIGTERM stops it and closes the database. A failure to start is logged
 * (its name and code, never its message: it may quote the connection string) and exits 1.
 */
export async function runAgency(options: RunAgencyOptions): Promise<void> {
  const { config } = options;
  const logger = createLogger(options.agency, config.LOG_LEVEL);
  let db: Db | undefined;
  let running: { stop(): Promise<void> } | undefined;
  let tracing = TRACING_OFF;
  // Listening before anything starts: a stop asked for while starting (the service may already be
  // listening when `start` resolves) must not kill the process without closing what it opened.
  const shutdown = async (signal: string) => {
    logger.info("service.stopping", { signal });
    await running?.stop();
    await db?.close();
    await tracing.shutdown();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  try {
    tracing = await startTracing(tracingSettingsOf(config, options.agency), logger);
    // Every statement the agency's port runs for a traced request is a span (kind only, never its text).
    db = tracedDb(await openAgencySystem(options, logger), tracing);
    const runtime = { ...agencyRuntimeOf(options.agency, config), tracing };
    const cache = runtime.recordCache?.cache;
    // A bounded wait for Redis: a service whose cache is down starts anyway and reads uncached.
    const cacheAnswers = (await cache?.ready?.()) ?? true;
    logger.info("runtime.ready", {
      kind: cache?.kind ?? "none",
      cacheAnswers,
      recordTtlSeconds: runtime.recordCache?.ttlSeconds ?? 0,
      invalidateMs: runtime.recordCache?.invalidateMs,
      metrics: runtime.metrics && metricsServed(runtime.metrics) ? (config.METRICS_TOKEN ? "token" : "open") : "off",
    });
    const server = await options.server(db, logger, runtime);
    const listening = await server.start(config.PORT, config.HOST);
    running = {
      async stop() {
        await listening.stop();
        await server.close?.();
        await cache?.close();
      },
    };
  } catch (err) {
    logger.error("service.failed_to_start", errorFields(err));
    process.exit(1);
  }
}
