import { localityAgencyEnv, parseConfig, type LocalityAgencyConfig } from "@ffd/shared";

/**
 * The health-visiting subgraph's environment: the agency kit's, from its registry row (PORT, HOST, the
 * shared settings, and `HEALTH_VISITING_DATABASE_URL`, the health visiting patient system's PostgreSQL, read as DATABASE_URL;
 * unset: an embedded database seeded with the synthetic borough), and `LOCALITY_REFERENCE_FILE`, the
 * locality reference family-index reads too (a patient's postcode places them in a locality by the
 * same rule; unset: the synthetic borough's, refused in production).
 */
export const healthVisitingEnv = localityAgencyEnv("health-visiting");

export type HealthVisitingConfig = LocalityAgencyConfig;

/** Parses the environment once; throws a ConfigError listing every problem. */
export function parseHealthVisitingConfig(env: NodeJS.ProcessEnv = process.env): HealthVisitingConfig {
  return parseConfig("health-visiting", healthVisitingEnv, env);
}
