import {
  ErrorCode,
  isPurposeOfAccess,
  PURPOSE_OF_ACCESS_HEADER,
  PURPOSES_OF_ACCESS,
  type PurposeOfAccess,
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
