/**
 * The vocabulary of information governance, shared by the gateway (which checks it on every
 * request) and the subgraphs (which read it from the gateway's internal token).
 */

/** The roles a caller may hold (what each may see is the access policy's business). */
export const ROLES = [
  "front-door",
  "centre-worker",
  "health-visitor",
  "midwife",
  "registrar",
  "safeguarding-lead",
  "social-worker",
  "data-steward",
  "ig-auditor",
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Why a record is being accessed: every request to the gateway states one. */
export const PURPOSES_OF_ACCESS = ["direct-care", "early-help", "safeguarding", "registration", "audit"] as const;
export type PurposeOfAccess = (typeof PURPOSES_OF_ACCESS)[number];

/** The HTTP header that carries the purpose (header names are case-insensitive). */
export const PURPOSE_OF_ACCESS_HEADER = "X-Purpose-Of-Access";

export function isPurposeOfAccess(value: unknown): value is PurposeOfAccess {
  return typeof value === "string" && (PURPOSES_OF_ACCESS as readonly string[]).includes(value);
}

/**
 * Break-glass: a worker states in words why they need full detail the policy gives only with a
 * relationship to the family. The gateway reads the reason from this header and writes it to the
 * audit trail; the staff app checks the same rules before sending it.
 */
export const BREAK_GLASS_HEADER = "X-Break-Glass-Reason";
export const BREAK_GLASS_MIN_LENGTH = 10;
export const BREAK_GLASS_MAX_LENGTH = 1000;

/** A break-glass reason as it is checked and recorded: trimmed, each run of white space one space. */
export function normaliseBreakGlassReason(raw: string): string {
  return raw.trim().replace(/\s+/g, " ");
}

/** What is wrong with a (normalised) break-glass reason, or null when it may be sent. */
export function breakGlassReasonProblem(reason: string): "too-short" | "too-long" | "control-characters" | null {
  if (reason.length < BREAK_GLASS_MIN_LENGTH) return "too-short";
  if (reason.length > BREAK_GLASS_MAX_LENGTH) return "too-long";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(reason)) return "control-characters";
  return null;
}
