import { z } from "zod";
import { baseEnv, envHelpers } from "../config";
import type { Agency } from "../errors";
import { localityReferenceFileSetting, localityReferenceProblem } from "../locality-reference";
import { agencyService } from "../services";

/** The settings every service shares, parsed. */
type CommonSettings = { [K in keyof typeof baseEnv]: z.output<(typeof baseEnv)[K]> };

/** An agency subgraph's settings, parsed: the shared ones, its PORT and its system's database URL. */
export type AgencyConfig = Readonly<
  CommonSettings & {
    PORT: number;
    /** `<PREFIX>_DATABASE_URL`: the agency system's PostgreSQL; undefined: the embedded default. */
    DATABASE_URL: string | undefined;
  }
>;

/** An agency's own settings beyond the kit's, parsed. */
export type ExtraSettings<E extends z.ZodRawShape> = { [K in keyof E]: z.output<E[K]> };

/**
 * An agency subgraph's environment, from its registry row: the shared settings (baseEnv: HOST,
 * LOG_LEVEL, the secrets, the borough, the database timeouts), `PORT` defaulting to the
 * registry's port, and `<PREFIX>_DATABASE_URL` (a postgres:// URL or unset), read as
 * `DATABASE_URL`; plus the agency's own settings (`extra`), read under their own names. A
 * problem is reported under the setting's own name.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function agencyEnv<E extends z.ZodRawShape = {}>(
  agency: Agency,
  extra?: E,
): z.ZodType<AgencyConfig & Readonly<ExtraSettings<E>>> {
  const { port, envPrefix } = agencyService(agency);
  const databaseSetting = `${envPrefix}_DATABASE_URL`;
  const shape: z.ZodRawShape = {
    ...baseEnv,
    ...extra,
    PORT: envHelpers.port(port),
    [databaseSetting]: envHelpers.optionalUrl,
  };
  return z.object(shape).transform((env) => {
    const { [databaseSetting]: databaseUrl, ...rest } = env as Record<string, unknown>;
    return { ...rest, DATABASE_URL: databaseUrl } as AgencyConfig & ExtraSettings<E>;
  });
}

/** The settings of an agency subgraph that places people in localities: the kit's and LOCALITY_REFERENCE_FILE. */
export type LocalityAgencyConfig = AgencyConfig & { readonly LOCALITY_REFERENCE_FILE: string | undefined };

/**
 * The environment of an agency subgraph that reads the locality reference (a postcode places a
 * person in a locality by the rule family-index uses): the kit's (agencyEnv), and
 * `LOCALITY_REFERENCE_FILE`, the same setting as family-index's (unset: the synthetic borough's),
 * required in production.
 */
export function localityAgencyEnv(agency: Agency): z.ZodType<LocalityAgencyConfig> {
  return agencyEnv(agency, { LOCALITY_REFERENCE_FILE: localityReferenceFileSetting }).superRefine((c, ctx) => {
    const problem = localityReferenceProblem(c);
    if (problem) ctx.addIssue({ code: "custom", path: ["LOCALITY_REFERENCE_FILE"], message: problem });
  });
}
