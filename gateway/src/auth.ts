import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { isRole, TokenError, type Caller, type Role } from "@ffd/shared";
import type { GatewayConfig } from "./config";

export { ROLES, type Role } from "@ffd/shared";

/**
 * Who is asking, as verified from their bearer token. The purpose of access comes from the
 * request's X-Purpose-Of-Access header, and with it this becomes shared's Caller.
 */
export type SignedInUser = Omit<Caller, "purpose" | "breakGlass">;

export const DEV_ISSUER = "family-front-door-development";
export const DEV_AUDIENCE = "family-front-door";
const encoder = new TextEncoder();

export interface DevTokenClaims {
  role: Role;
  subject?: string;
  organisation?: string;
  centre?: string;
  /** The health visiting caseload a health visitor holds. */
  caseload?: string;
  ttlSeconds?: number;
}

/** Signs a development token. Only ever accepted by a gateway not running in production. */
export async function signDevToken(secret: string, claims: DevTokenClaims): Promise<string> {
  return new SignJWT({
    role: claims.role,
    org: claims.organisation ?? "dev-council",
    ...(claims.centre ? { centre: claims.centre } : {}),
    ...(claims.caseload ? { caseload: claims.caseload } : {}),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(claims.subject ?? `dev-${claims.role}`)
    .setIssuedAt()
    .setExpirationTime(`${claims.ttlSeconds ?? 8 * 3600}s`)
    .sign(encoder.encode(secret));
}

function userFrom(payload: JWTPayload): SignedInUser {
  const role = payload.role;
  if (!isRole(role)) {
    throw new TokenError("The token names no role this service knows.");
  }
  if (!payload.sub) throw new TokenError("The token names no user.");
  return {
    subject: payload.sub,
    role,
    organisation: typeof payload.org === "string" ? payload.org : null,
    centre: typeof payload.centre === "string" ? payload.centre : null,
    caseload: typeof payload.caseload === "string" ? payload.caseload : null,
  };
}

export type Authenticator = (token: string) => Promise<SignedInUser>;

/**
 * Development: tokens signed with the development key. Production: tokens signed by the
 * OpenID Connect issuer's keys (JWKS), for this audience; the development key is never tried.
 */
export function createAuthenticator(config: GatewayConfig): Authenticator {
  if (config.NODE_ENV === "production") {
    const jwks = createRemoteJWKSet(new URL(config.OIDC_JWKS_URL!));
    return async (token) => {
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: config.OIDC_ISSUER,
          audience: config.OIDC_AUDIENCE,
        });
        return userFrom(payload);
      } catch (err) {
        throw err instanceof TokenError ? err : new TokenError("The token is not valid or has expired.");
      }
    };
  }
  const key = encoder.encode(config.DEV_JWT_SECRET);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: ["HS256"],
      });
      return userFrom(payload);
    } catch (err) {
      throw err instanceof TokenError ? err : new TokenError("The token is not valid or has expired.");
    }
  };
}
