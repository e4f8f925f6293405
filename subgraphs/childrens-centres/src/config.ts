import { agencyEnv, parseConfig, type AgencyConfig } from "@ffd/shared";

/**
 * The childrens-centres subgraph's environment: the agency kit's, from its registry row (PORT, HOST, the
 * shared settings, and `CHILDRENS_CENTRES_DATABASE_URL`, the children's centres case system's PostgreSQL, read as DATABASE_URL;
 * unset: an embedded database seeded with the synthetic borough).
 */
export const childrensCentresEnv = agencyEnv("childrens-centres");

export type ChildrensCentresConfig = AgencyConfig;

/** Parses the environment once; throws a ConfigError listing every problem. */
export function parseChildrensCentresConfig(env: NodeJS.ProcessEnv = process.env): ChildrensCentresConfig {
  return parseConfig("childrens-centres", childrensCentresEnv, env);
}
