import { baseEnv, envHelpers, parseConfig } from "@ffd/shared";
import { z } from "zod";

export const MATERNITY_DEFAULT_PORT = 4002;

/** The maternity subgraph's environment, parsed once. */
export const maternityEnv = z
  .object({
    ...baseEnv,
    PORT: envHelpers.port(MATERNITY_DEFAULT_PORT),
    /** Interface to listen on: 0.0.0.0 in a container. */
    HOST: z.string().trim().min(1).default("127.0.0.1"),
    /** The maternity system's PostgreSQL database; unset: an embedded PGlite seeded with the synthetic borough. */
    MATERNITY_DATABASE_URL: envHelpers.optionalUrl,
  })
  .transform(({ MATERNITY_DATABASE_URL, ...rest }) => ({ ...rest, DATABASE_URL: MATERNITY_DATABASE_URL }));

export type MaternityConfig = Readonly<z.output<typeof maternityEnv>>;

export function parseMaternityConfig(env: NodeJS.ProcessEnv = process.env): MaternityConfig {
  return parseConfig("maternity", maternityEnv, env);
}
