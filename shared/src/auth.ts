import { jwtVerify, SignJWT, errors as joseErrors } from "jose";

const encoder = new TextEncoder();
const INTERNAL_ISSUER = "family-front-door";

/** A service calling another inside the deployment (family-index reading identity feeds). */
export interface ServiceCaller {
  service: string;
}

export async function signServiceToken(
  secret: string,
  service: string,
  audience: string,
  ttlSeconds = 60,
): Promise<string> {
  return new SignJWT({ svc: service })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(INTERNAL_ISSUER)
    .setSubject(service)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(encoder.encode(secret));
}

export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TokenError";
  }
}

/** Verifies a service token for this audience; throws TokenError with a safe message. */
export async function verifyServiceToken(secret: string, token: string, audience: string): Promise<ServiceCaller> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      issuer: INTERNAL_ISSUER,
      audience,
      algorithms: ["HS256"],
    });
    if (typeof payload.svc !== "string") throw new TokenError("service token names no service");
    return { service: payload.svc };
  } catch (err) {
    if (err instanceof TokenError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw new TokenError("service token has expired");
    throw new TokenError("service token is not valid");
  }
}

export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}
