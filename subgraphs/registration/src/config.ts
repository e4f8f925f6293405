import { localityAgencyEnv, parseConfig, type LocalityAgencyConfig } from "@ffd/shared";

/**
 * The registration subgraph's environment: the agency kit's, from its registry row (PORT, HOST, the
 * shared settings, and `REGISTRATION_DATABASE_URL`, the birth registration system's PostgreSQL, read as DATABASE_URL;
 * unset: an embedded database seeded with the synthetic borough), and `LOCALITY_REFERENCE_FILE`, the
 * locality reference family-index and health-visiting read too (an entry's postcode places the birth
 * in a locality by the same rule; unset: the synthetic borough's, refused in production).
 */
export const registrationEnv = localityAgencyEnv("registration");

export type RegistrationConfig = LocalityAgencyConfig;

/** Parses the environment once; throws a ConfigError listing every problem. */
export function parseRegistrationConfig(env: NodeJS.ProcessEnv = process.env): RegistrationConfig {
  return parseConfig("registration", registrationEnv, env);
}
