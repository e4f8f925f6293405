import { baseEnv, envHelpers, parseConfig } from "@ffd/shared";
import { z } from "zod";

export const SERVICE_NAME = "childrens-centres";

export const configSchema = z.object({
  ...baseEnv,
  PORT: envHelpers.port(4004),
  /** Interface to listen on; 0.0.0.0 in a container. */
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** The centres' case system (read-only). Unset: an embedded database seeded with the synthetic borough. */
  CHILDRENS_CENTRES_DATABASE_URL: envHelpers.optionalUrl,
});

export type Config = Readonly<z.infer<typeof configSchema>>;

/** Parses the environment once; throws ConfigError listing every problem. */
export function parseChildrensCentresConfig(env: NodeJS.ProcessEnv): Config {
  return parseConfig(SERVICE_NAME, configSchema, env);
}
