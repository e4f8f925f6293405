import { z } from "zod";
import { baseEnv, envHelpers, parseConfig } from "@ffd/shared";

const baseUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^/]+/.test(v), "must be an http(s) URL")
    .transform((v) => v.replace(/\/+$/, ""));

const millis = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

export const familyIndexEnv = z
  .object({
    ...baseEnv,
    PORT: envHelpers.port(4001),
    HOST: z.string().default("127.0.0.1"),
    /**
     * The link store: a real PostgreSQL server; unset: embedded PGlite kept in DATA_DIR/family-index
     * (development only, refused in production).
     */
    FAMILY_INDEX_DATABASE_URL: envHelpers.optionalUrl,
    /** Base URLs of the agency subgraphs; family-index reads <base>/internal/identity-feed. */
    MATERNITY_URL: baseUrl("http://127.0.0.1:4002"),
    HEALTH_VISITING_URL: baseUrl("http://127.0.0.1:4003"),
    CHILDRENS_CENTRES_URL: baseUrl("http://127.0.0.1:4004"),
    REGISTRATION_URL: baseUrl("http://127.0.0.1:4005"),
    /** How long to wait at startup for every agency before building with those that answered. */
    INDEX_AGENCY_WAIT_MS: millis(20_000),
    /** How often an agency that could not be read is tried again in the background. */
    INDEX_REFRESH_INTERVAL_MS: millis(30_000, 100),
    /** Milliseconds before one identity feed page request is abandoned (a timeout also opens that agency's feed breaker). */
    INDEX_FEED_TIMEOUT_MS: millis(15_000, 100),
    /** Milliseconds an agency's feed is not asked after a timeout, before one page request probes it again. */
    INDEX_FEED_BREAKER_RESET_MS: millis(60_000, 100),
  })
  .superRefine(
    (c, ctx) => {
      // The data stewards' review decisions are records: one host's folder is no place for them in production.
      if (c.NODE_ENV === "production" && !c.FAMILY_INDEX_DATABASE_URL)
        ctx.addIssue({
          code: "custom",
          path: ["FAMILY_INDEX_DATABASE_URL"],
          message: "is required in production (the link store's review decisions must outlive the host)",
        });
    },
    // Run even when a field failed, so a missing setting is listed with all the others.
    { when: () => true },
  );

export type FamilyIndexConfig = Readonly<z.infer<typeof familyIndexEnv>>;

export function parseFamilyIndexConfig(env: NodeJS.ProcessEnv = process.env): FamilyIndexConfig {
  return parseConfig("family-index", familyIndexEnv, env);
}
