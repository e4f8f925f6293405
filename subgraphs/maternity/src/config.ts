import { agencyEnv, parseConfig, type AgencyConfig } from "@ffd/shared";

/**
 * The maternity subgraph's environment: the agency kit's, from its registry row (PORT, HOST, the
 * shared settings, and `MATERNITY_DATABASE_URL`, the maternity system's PostgreSQL, read as DATABASE_URL;
 * unset: an embedded database seeded with the synthetic borough).
 */
export const maternityEnv = agencyEnv("maternity");

export type MaternityConfig = AgencyConfig;

/** Parses the environment once; throws a ConfigError listing every problem. */
export function parseMaternityConfig(env: NodeJS.ProcessEnv = process.env): MaternityConfig {
  return parseConfig("maternity", maternityEnv, env);
}
