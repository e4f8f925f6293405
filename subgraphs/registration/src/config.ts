import { baseEnv, envHelpers, parseConfig } from "@ffd/shared";
import { z } from "zod";

export const DEFAULT_PORT = 4005;

export const registrationEnv = z.object({
  ...baseEnv,
  PORT: envHelpers.port(DEFAULT_PORT),
  /** The interface to listen on: 0.0.0.0 in a container. */
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** The birth registration system's PostgreSQL database; without it, an embedded synthetic one. */
  REGISTRATION_DATABASE_URL: envHelpers.optionalUrl,
});

export type RegistrationConfig = Readonly<z.infer<typeof registrationEnv>>;

/** Parses the environment once; throws a ConfigError listing every problem. */
export function parseRegistrationConfig(env: NodeJS.ProcessEnv): RegistrationConfig {
  return parseConfig("registration", registrationEnv, env);
}
