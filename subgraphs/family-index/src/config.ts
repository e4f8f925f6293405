import { z } from "zod";
import {
  AGENCY_SERVICES,
  baseEnv,
  envHelpers,
  localityReferenceFileSetting,
  localityReferenceProblem,
  parseConfig,
  urlSetting,
  type Agency,
  type AgencyEntry,
} from "@ffd/shared";

const baseUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^/]+/.test(v), "must be an http(s) URL")
    .transform((v) => v.replace(/\/+$/, ""));

const millis = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

/**
 * One base URL setting per agency of the service registry (`MATERNITY_URL` …), defaulting to the
 * agency's registry port on this machine; family-index reads `<base>/internal/identity-feed`.
 */
export function agencyUrlSettings(agencies: readonly AgencyEntry[] = AGENCY_SERVICES) {
  return Object.fromEntries(agencies.map((a) => [urlSetting(a), baseUrl(`http://127.0.0.1:${a.port}`)])) as Record<
    `${(typeof AGENCY_SERVICES)[number]["envPrefix"]}_URL`,
    ReturnType<typeof baseUrl>
  >;
}

/** family-index's settings; `agencies` is the registry's (a test may give another list). */
export const familyIndexEnvFor = (agencies: readonly AgencyEntry[] = AGENCY_SERVICES) =>
  z
    .object({
      ...baseEnv,
      PORT: envHelpers.port(4001),
      HOST: z.string().default("127.0.0.1"),
      /**
       * The link store: a real PostgreSQL server; unset: embedded PGlite kept in DATA_DIR/family-index
       * (development only, refused in production).
       */
      FAMILY_INDEX_DATABASE_URL: envHelpers.optionalUrl,
      /**
       * The locality reference (JSON: localities, their centres' reach-area postcode sectors, IMD
       * deciles by small area; see the shared locality-reference.ts); unset: the synthetic borough's
       * (development only, refused in production).
       */
      LOCALITY_REFERENCE_FILE: localityReferenceFileSetting,
      /** Base URLs of the agency subgraphs; family-index reads <base>/internal/identity-feed. */
      ...agencyUrlSettings(agencies),
      /** How long to wait at startup for every agency before building with those that answered. */
      INDEX_AGENCY_WAIT_MS: millis(20_000),
      /** How often an agency that could not be read is tried again in the background. */
      INDEX_REFRESH_INTERVAL_MS: millis(30_000, 100),
      /** Milliseconds before one identity feed page request is abandoned (a timeout also opens that agency's feed breaker). */
      INDEX_FEED_TIMEOUT_MS: millis(15_000, 100),
      /**
       * Milliseconds before a call to an agency's involvement feed (Person.involvements, during a
       * request) is abandoned and the agency left out: below the gateway's SUBGRAPH_TIMEOUT_MS, so a
       * stalled agency costs the person's page one agency, not the whole answer. A timeout also opens
       * that agency's involvement breaker (not its identity feed's: the index refresh goes on).
       */
      INVOLVEMENT_TIMEOUT_MS: millis(2_500, 100),
      /** Milliseconds an agency's involvement feed is not asked after a timeout, before one call probes it again. */
      INVOLVEMENT_BREAKER_RESET_MS: millis(10_000, 100),
      /** Milliseconds an agency's feed is not asked after a timeout, before one page request probes it again. */
      INDEX_FEED_BREAKER_RESET_MS: millis(60_000, 100),
      /**
       * true (the default): a start resumes from the link store's current generation (ready at once,
       * then only what changed since is read and linked); false: every agency is read whole and
       * everything linked again, as at the first start.
       */
      INDEX_RESUME: z
        .string()
        .trim()
        .toLowerCase()
        .default("true")
        .refine((v) => v === "true" || v === "false", "must be true or false")
        .transform((v) => v === "true"),
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
        const localityProblem = localityReferenceProblem(c);
        if (localityProblem)
          ctx.addIssue({ code: "custom", path: ["LOCALITY_REFERENCE_FILE"], message: localityProblem });
      },
      // Run even when a field failed, so a missing setting is listed with all the others.
      { when: () => true },
    );

export const familyIndexEnv = familyIndexEnvFor();

export type FamilyIndexConfig = Readonly<z.infer<typeof familyIndexEnv>>;

/** Each agency's identity feed base URL from the configuration, by agency name (the registry's order). */
export function agencyUrlsOf(
  config: FamilyIndexConfig | Readonly<Record<string, unknown>>,
  agencies: readonly AgencyEntry[] = AGENCY_SERVICES,
): Readonly<Record<Agency, string>> {
  const settings = config as unknown as Readonly<Record<string, unknown>>;
  return Object.fromEntries(
    agencies.map((a) => {
      const url = settings[urlSetting(a)];
      if (typeof url !== "string") throw new Error(`family-index has no ${urlSetting(a)} setting`);
      return [a.name, url];
    }),
  ) as Record<Agency, string>;
}

export function parseFamilyIndexConfig(env: NodeJS.ProcessEnv = process.env): FamilyIndexConfig {
  return parseConfig("family-index", familyIndexEnv, env);
}
