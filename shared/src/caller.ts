import type { Request } from "express";
import { jwtVerify, SignJWT } from "jose";
import { isPurposeOfAccess, isRole, type PurposeOfAccess, type Role } from "./access";
import { TokenError } from "./auth";

/**
 * The person a request is made for, as the gateway verified them, forwarded to subgraphs in a
 * short-lived internal token that only the gateway can sign. Subgraphs read it with callerOf().
 */
export interface Caller {
  subject: string;
  role: Role;
  organisation: string | null;
  centre: string | null;
  /**
   * The health visiting caseload the caller holds (a health visitor's `caseload` claim), or null.
   * With `centre` and, for midwives, `organisation`, it is what a legitimate relationship with a
   * family is judged by (see relationship.ts).
   */
  caseload: string | null;
  /**
   * The declared purpose of access (X-Purpose-Of-Access). The gateway refuses requests without
   * one, so every token it signs has one; null only for callers built by hand (tests, tools).
   */
  purpose: PurposeOfAccess | null;
  /**
   * Whether the caller broke glass for this request (X-Break-Glass-Reason): full detail where
   * the policy asks for a relationship the caller does not have. The written reason itself stays
   * at the gateway, in the audit trail; subgraphs only need to know that it was given.
   */
  breakGlass: boolean;
}

const ISSUER = "family-front-door-gateway";
export const SUBGRAPH_AUDIENCE = "family-front-door-subgraphs";
const encoder = new TextEncoder();

/** The private claims an internal token carries for this caller (besides its subject, the caller's id). */
function callerClaims(caller: Caller) {
  return {
    role: caller.role,
    org: caller.organisation,
    centre: caller.centre,
    caseload: caller.caseload,
    purpose: caller.purpose,
    bg: caller.breakGlass,
  };
}

/**
 * Everything an internal token says about its caller, as one string: two callers with the same
 * scope get tokens that say the same, and a subgraph answers them alike. The gateway keys the
 * tokens it reuses by it (gateway/src/internal-tokens.ts).
 */
export function callerScopeKey(caller: Caller): string {
  return JSON.stringify([caller.subject, callerClaims(caller)]);
}

export async function signCallerToken(secret: string, caller: Caller, ttlSeconds = 60): Promise<string> {
  return new SignJWT(callerClaims(caller))
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(SUBGRAPH_AUDIENCE)
    .setSubject(caller.subject)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(encoder.encode(secret));
}

export async function verifyCallerToken(secret: string, token: string): Promise<Caller> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      issuer: ISSUER,
      audience: SUBGRAPH_AUDIENCE,
      algorithms: ["HS256"],
    });
    if (typeof payload.sub !== "string" || !isRole(payload.role)) {
      throw new TokenError("internal token names no caller");
    }
    const purpose = payload.purpose ?? null;
    if (purpose !== null && !isPurposeOfAccess(purpose)) {
      throw new TokenError("internal token names an unknown purpose of access");
    }
    const str = (v: unknown) => (typeof v === "string" ? v : null);
    return {
      subject: payload.sub,
      role: payload.role,
      organisation: str(payload.org),
      centre: str(payload.centre),
      caseload: str(payload.caseload),
      purpose,
      breakGlass: payload.bg === true,
    };
  } catch (err) {
    if (err instanceof TokenError) throw err;
    throw new TokenError("internal token is not valid or has expired");
  }
}

const CALLER = Symbol.for("family-front-door.caller");

/** Records the verified caller on the request (done once, where the token is checked). */
export function setCaller(req: Request, caller: Caller): void {
  (req as unknown as Record<symbol, Caller>)[CALLER] = caller;
}

/** The verified caller of this request, or null when none was verified. */
export function callerOf(req: Request): Caller | null {
  return (req as unknown as Record<symbol, Caller | undefined>)[CALLER] ?? null;
}

/**
 * A caller built by hand, for tests and tools (the gateway builds real ones from verified
 * tokens): no organisation, centre or caseload, and no break-glass, unless given.
 */
export function callerFor(role: Role, purpose: PurposeOfAccess | null, extra: Partial<Caller> = {}): Caller {
  return {
    subject: `test-${role}`,
    role,
    organisation: null,
    centre: null,
    caseload: null,
    purpose,
    breakGlass: false,
    ...extra,
  };
}
