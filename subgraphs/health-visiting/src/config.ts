import { agencyEnv, parseConfig, type AgencyConfig } from "@ffd/shared";

/**
 * The health-visiting subgraph's environment: the agency kit's, from its registry row (PORT, HOST, the
 * shared settings, and `HEALTH_VISITING_DATABASE_URL`, the health visiting patient system's PostgreSQL, read as DATABASE_URL;
 * unset: an embedded database seeded with the synthetic borough).
 */
export const healthVisitingEnv = agencyEnv("health-visiting");

export type HealthVisitingConfig = AgencyConfig;

/** Parses the environment once; throws a ConfigError listing every problem. */
export function parseHealthVisitingConfig(env: NodeJS.ProcessEnv = process.env): HealthVisitingConfig {
  return parseConfig("health-visiting", healthVisitingEnv, env);
}
