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
