import {
  ErrorCode,
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
