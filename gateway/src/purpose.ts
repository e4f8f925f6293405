import {
  BREAK_GLASS_HEADER,
  BREAK_GLASS_MAX_LENGTH,
  BREAK_GLASS_MIN_LENGTH,
  breakGlassReasonProblem,
  ErrorCode,
  mayBreakGlass,
  normaliseBreakGlassReason,
  isPurposeOfAccess,
  mayDeclare,
  PURPOSE_OF_ACCESS_HEADER,
  purposesFor,
  PURPOSES_OF_ACCESS,
  type PurposeOfAccess,
  type Role,
} from "@ffd/shared";

/** The purpose a request starts with in the IDE, `npm start`'s curl and the tests. */
export const DEFAULT_PURPOSE: PurposeOfAccess = "direct-care";

/** A refusal: the HTTP status and the GraphQL-shaped body the client receives. */
export interface PurposeRefusal {
  status: 400;
  body: { errors: [{ message: string; extensions: { code: ErrorCode.BadUserInput } }] };
}

const ALLOWED = PURPOSES_OF_ACCESS.join(", ");

function refusal(message: string): PurposeRefusal {
  return { status: 400, body: { errors: [{ message, extensions: { code: ErrorCode.BadUserInput } }] } };
}

/**
 * Reads the purpose of access from the header's value. A missing, repeated or unknown purpose
 * is a malformed request (400, BAD_USER_INPUT), refused before anything else runs; whether a
 * role may use a purpose it stated is the access policy's decision (403, FORBIDDEN), not this.
 * The value is never echoed back or logged.
 */
export function purposeOf(header: string | undefined): PurposeOfAccess | PurposeRefusal {
  const value = header?.trim();
  if (!value) {
    return refusal(
      `State why you are accessing these records: every request needs an ${PURPOSE_OF_ACCESS_HEADER} header, one of: ${ALLOWED}.`,
    );
  }
  if (!isPurposeOfAccess(value)) {
    return refusal(`${PURPOSE_OF_ACCESS_HEADER} is not a purpose this service knows. Allowed purposes: ${ALLOWED}.`);
  }
  return value;
}

/** A purpose the caller's role may not state: refused by the access policy. */
export interface RoleRefusal {
  status: 403;
  body: { errors: [{ message: string; extensions: { code: ErrorCode.Forbidden } }] };
}

/**
 * Whether the access policy (`POLICY` in `@ffd/shared`) lets this role state this purpose: null
 * when it does, otherwise a 403 FORBIDDEN naming the role and the purposes it may state.
 */
export function roleRefusal(role: Role, purpose: PurposeOfAccess): RoleRefusal | null {
  if (mayDeclare(role, purpose)) return null;
  const allowed = purposesFor(role);
  const message =
    `The ${role} role may not access records for ${purpose}. ` +
    `It may state ${allowed.length === 1 ? "only" : "one of"}: ${allowed.join(", ")}.`;
  return { status: 403, body: { errors: [{ message, extensions: { code: ErrorCode.Forbidden } }] } };
}

/** The HTTP header a worker breaks glass with, and its rules (in `@ffd/shared`, which the staff app checks too). */
export { BREAK_GLASS_HEADER, BREAK_GLASS_MAX_LENGTH, BREAK_GLASS_MIN_LENGTH };

function breakGlassRefusal(status: 400 | 403, message: string) {
  const code = status === 400 ? ErrorCode.BadUserInput : ErrorCode.Forbidden;
  return { status, body: { errors: [{ message, extensions: { code } }] } } as const;
}
export type BreakGlassRefusal = ReturnType<typeof breakGlassRefusal>;

/**
 * Reads break-glass from its header: null when the request does not break glass, the written
 * reason when it does, or a refusal. A reason must say something (at least 10 characters, at
 * most 1000, no control characters), and break-glass is refused (403) to a role and purpose for
 * which the policy has nothing that a relationship would open: it can only ever turn
 * "full with relationship" into full, never give a role what its policy withholds. The reason
 * is never echoed back or logged; it is written to the audit trail only.
 */
export function breakGlassOf(
  header: string | undefined,
  role: Role,
  purpose: PurposeOfAccess,
): string | null | BreakGlassRefusal {
  if (header === undefined) return null;
  const reason = normaliseBreakGlassReason(header);
  const problem = breakGlassReasonProblem(reason);
  if (problem === "too-short") {
    return breakGlassRefusal(
      400,
      `${BREAK_GLASS_HEADER} must give your reason in words (at least ${BREAK_GLASS_MIN_LENGTH} characters): it is recorded and reviewed.`,
    );
  }
  if (problem === "too-long") {
    return breakGlassRefusal(400, `${BREAK_GLASS_HEADER} may be at most ${BREAK_GLASS_MAX_LENGTH} characters.`);
  }
  if (problem === "control-characters") {
    return breakGlassRefusal(400, `${BREAK_GLASS_HEADER} may not contain control characters.`);
  }
  if (!mayBreakGlass(role, purpose)) {
    return breakGlassRefusal(
      403,
      `Break-glass gives the ${role} role nothing more for ${purpose}: it only opens full detail where the policy asks for a relationship with the family.`,
    );
  }
  return reason;
}
