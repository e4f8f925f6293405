import { agencyEnv, parseConfig, type AgencyConfig } from "@ffd/shared";

/**
 * The children's social care subgraph's environment: the agency kit's, from its registry row
 * (PORT, HOST, the shared settings, and `CHILDRENS_SOCIAL_CARE_DATABASE_URL`, the case management
 * system's PostgreSQL, read as DATABASE_URL; unset: an embedded database seeded with the synthetic borough).
 */
export const childrensSocialCareEnv = agencyEnv("childrens-social-care");

export type ChildrensSocialCareConfig = AgencyConfig;

/** Parses the environment once; throws a ConfigError listing every problem. */
export function parseChildrensSocialCareConfig(env: NodeJS.ProcessEnv = process.env): ChildrensSocialCareConfig {
  return parseConfig("childrens-social-care", childrensSocialCareEnv, env);
}
