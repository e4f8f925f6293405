import { z } from "zod";
import {
  baseEnv,
  envHelpers,
  generateSecret,
  parseConfig,
  SUBGRAPH_SERVICES,
  urlSetting,
  type BreakerSettings,
} from "@ffd/shared";
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from "./limits";

const baseUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^/]+/.test(v), "must be an http(s) URL")
    .transform((v) => v.replace(/\/+$/, ""));

type SubgraphUrlSettings = {
  [S in (typeof SUBGRAPH_SERVICES)[number] as `${S["envPrefix"]}_URL`]: ReturnType<typeof baseUrl>;
};

/**
 * Base URLs of the subgraphs, one `<PREFIX>_URL` per row of the service registry, defaulting to
 * the registry's port on this machine; the gateway calls <base>/graphql.
 */
const subgraphUrlSettings = Object.fromEntries(
  SUBGRAPH_SERVICES.map((s) => [urlSetting(s), baseUrl(`http://127.0.0.1:${s.port}`)]),
) as SubgraphUrlSettings;

export const gatewayEnv = z
  .object({
    ...baseEnv,
    PORT: envHelpers.port(4000),
    ...subgraphUrlSettings,
    /**
     * Development: the key development user tokens (`npm run token`, the IDE's) are signed with.
     * Required outside production, with no default (npm start generates one per run); unused in
     * production, where users sign in through OpenID Connect.
     */
    DEV_JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** Production: the OpenID Connect issuer whose JWKS signs users' tokens. */
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    OIDC_JWKS_URL: z.string().url().optional(),
    /** Production: the staff app's public client at the issuer (authorization code with PKCE, no secret). */
    OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
    /** Production: the scopes the staff app asks the issuer for. */
    OIDC_SCOPE: z.string().trim().min(1).default("openid profile"),
    /**
     * Milliseconds before a subgraph call (connection, answer and body) is abandoned and its agency
     * reported unavailable. A few seconds: someone is waiting at a screen, and a timeout also opens
     * that subgraph's circuit breaker (see breakers.ts).
     */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    /** Transport failures or 5xx answers in a row from one subgraph that open its breaker (a timeout opens it at once). */
    SUBGRAPH_BREAKER_FAILURES: z.coerce.number().int().min(1).default(3),
    /** Milliseconds an open breaker answers AGENCY_UNAVAILABLE at once before one request probes the subgraph again. */
    SUBGRAPH_BREAKER_RESET_MS: z.coerce.number().int().min(100).default(10_000),
    /** The audit trail's PostgreSQL; unset: embedded PGlite kept in DATA_DIR/audit (development only, refused in production). */
    AUDIT_DATABASE_URL: envHelpers.optionalUrl,
    /** The staff app's build folder, served at /; unset: web/dist of this checkout (built by `npm run build`). */
    WEB_APP_DIR: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined)),
    /** Query limits (see the README): deepest nesting, aliases, graphql-armor cost, lexical tokens. */
    QUERY_MAX_DEPTH: z.coerce.number().int().min(2).default(DEFAULT_QUERY_LIMITS.maxDepth),
    QUERY_MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_QUERY_LIMITS.maxAliases),
    QUERY_MAX_COST: z.coerce.number().int().min(1).default(DEFAULT_QUERY_LIMITS.maxCost),
    QUERY_MAX_TOKENS: z.coerce.number().int().min(10).default(DEFAULT_QUERY_LIMITS.maxTokens),
  })
  .superRefine(
    (c, ctx) => {
      if (c.NODE_ENV !== "production" && c.DEV_JWT_SECRET === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["DEV_JWT_SECRET"],
          message: "is required outside production (32+ characters; npm start generates one per run)",
        });
      if (c.NODE_ENV === "production") {
        if (!c.AUDIT_DATABASE_URL)
          ctx.addIssue({
            code: "custom",
            path: ["AUDIT_DATABASE_URL"],
            message: "is required in production (the audit trail must outlive the process)",
          });
        for (const key of ["OIDC_ISSUER", "OIDC_AUDIENCE", "OIDC_JWKS_URL", "OIDC_CLIENT_ID"] as const) {
          if (!c[key])
            ctx.addIssue({
              code: "custom",
              path: [key],
              message: "is required in production (users sign in through your OpenID Connect provider)",
            });
        }
      }
    },
    // Run even when a field failed, so a missing setting is listed with all the others.
    { when: () => true },
  )
  // Production never signs or accepts a development token; an unset key becomes one nobody knows.
  .transform((c) => ({ ...c, DEV_JWT_SECRET: c.DEV_JWT_SECRET ?? generateSecret() }));

export type GatewayConfig = Readonly<z.infer<typeof gatewayEnv>>;

export function parseGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return parseConfig("gateway", gatewayEnv, env);
}

export function queryLimitsOf(config: GatewayConfig): QueryLimits {
  return {
    maxDepth: config.QUERY_MAX_DEPTH,
    maxAliases: config.QUERY_MAX_ALIASES,
    maxCost: config.QUERY_MAX_COST,
    maxTokens: config.QUERY_MAX_TOKENS,
    maxDirectives: DEFAULT_QUERY_LIMITS.maxDirectives,
  };
}

export function subgraphBreakerSettingsOf(config: GatewayConfig): BreakerSettings {
  return { failuresToOpen: config.SUBGRAPH_BREAKER_FAILURES, resetMs: config.SUBGRAPH_BREAKER_RESET_MS };
}
