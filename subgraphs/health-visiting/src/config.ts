import { baseEnv, envHelpers, parseConfig } from "@ffd/shared";
import { z } from "zod";

export const SERVICE_NAME = "health-visiting";

export const configSchema = z.object({
  ...baseEnv,
  PORT: envHelpers.port(4003),
  /** Interface to listen on; 0.0.0.0 in a container. */
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** The health visiting patient system (read-only). Unset: an embedded database seeded with the synthetic borough. */
  HEALTH_VISITING_DATABASE_URL: envHelpers.optionalUrl,
});

export type Config = Readonly<z.infer<typeof configSchema>>;

/** Parses the environment once; throws ConfigError listing every problem. */
export function parseHealthVisitingConfig(env: NodeJS.ProcessEnv): Config {
  return parseConfig(SERVICE_NAME, configSchema, env);
}
