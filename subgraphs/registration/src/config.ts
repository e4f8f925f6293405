import { agencyEnv, parseConfig, type AgencyConfig } from "@ffd/shared";

/**
 * The registration subgraph's environment: the agency kit's, from its registry row (PORT, HOST, the
 * shared settings, and `REGISTRATION_DATABASE_URL`, the birth registration system's PostgreSQL, read as DATABASE_URL;
 * unset: an embedded database seeded with the synthetic borough).
 */
export const registrationEnv = agencyEnv("registration");

export type RegistrationConfig = AgencyConfig;

/** Parses the environment once; throws a ConfigError listing every problem. */
export function parseRegistrationConfig(env: NodeJS.ProcessEnv = process.env): RegistrationConfig {
  return parseConfig("registration", registrationEnv, env);
}
