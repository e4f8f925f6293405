import type { Express } from "express";
import type { GatewayConfig } from "./config";

/** Where the staff app asks how to sign in. */
export const AUTH_CONFIG_PATH = "/auth/config";

/**
 * How the staff app signs in, public (nothing secret: the issuer, the app's public client id and
 * its scopes). Outside production: the development sign-in page (POST /auth/dev-token).
 * In production: OpenID Connect, authorization code with PKCE, against the issuer whose tokens
 * this gateway verifies.
 */
export type AuthConfig = { mode: "development" } | { mode: "oidc"; authority: string; clientId: string; scope: string };

export function authConfigOf(config: GatewayConfig): AuthConfig {
  if (config.NODE_ENV !== "production") return { mode: "development" };
  return { mode: "oidc", authority: config.OIDC_ISSUER!, clientId: config.OIDC_CLIENT_ID!, scope: config.OIDC_SCOPE };
}

/** The issuer's origin in production (the app fetches its discovery document and token endpoint there), else null. */
export function issuerOriginOf(config: GatewayConfig): string | null {
  return config.NODE_ENV === "production" && config.OIDC_ISSUER ? new URL(config.OIDC_ISSUER).origin : null;
}

/** GET /auth/config: the app reads it once when it starts. */
export function mountAuthConfigRoute(app: Express, config: GatewayConfig): void {
  const body = authConfigOf(config);
  app.get(AUTH_CONFIG_PATH, (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.json(body);
  });
}
