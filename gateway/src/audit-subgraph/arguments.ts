import { badUserInput, requireGrant } from "@ffd/shared";
import type { AuditContext } from "./context";

/*
 * The checks every audit query and mutation makes, in this order: who is asking (the access
 * policy), then what they asked for, so that nobody else learns the rules of the arguments.
 */

/** Most events one auditTrail answer lists; narrow by from/to for older ones. */
export const MAX_TRAIL = 1000;
/** Most events one breakGlassQueue answer lists; reviewed ones leave it, so the next come up. */
export const MAX_QUEUE = 500;
const MAX_ID_LENGTH = 200;

/** The caller may read the audit trail: ig-auditor stating audit, nobody else (FORBIDDEN naming "audit"). */
export function requireAuditor(ctx: AuditContext): void {
  requireGrant(ctx.caller, "auditTrail", "FULL");
}

export function requireId(value: string, field: string, what: string): string {
  const id = value.trim();
  if (!id) throw badUserInput(`Give ${what}.`, field);
  if (id.length > MAX_ID_LENGTH) throw badUserInput(`${field} is at most ${MAX_ID_LENGTH} characters.`, field);
  return id;
}

export function requireCount(value: number, field: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw badUserInput(`${field} must be from 1 to ${max}.`, field);
  return value;
}

/** A DateTime argument as the UTC ISO form the store compares (the scalar accepts any ISO 8601). */
export function utc(value: string): string {
  return new Date(value).toISOString();
}

export function requireOrder(from: string | null, to: string | null): void {
  if (from !== null && to !== null && Date.parse(from) > Date.parse(to)) {
    throw badUserInput("from must not be after to.", "from");
  }
}
