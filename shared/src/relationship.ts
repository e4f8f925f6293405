import type { Caller } from "./caller";

/**
 * LEGITIMATE RELATIONSHIP: the policy's FULL_WITH_RELATIONSHIP level gives full detail only to a
 * worker whose work touches the family: the family is on their caseload or registered at their
 * centre. Both sides are written as care units:
 *
 * - each agency record names the unit that holds it, in the identity feed (`careUnit`): the
 *   health visiting caseload (`hv-caseload:<caseload id>`), the children's centre the household
 *   is registered at (`centre:<centre code>`), the maternity provider the woman booked with
 *   (`maternity-provider:<org code>`), the allocated social worker's caseload in children's social
 *   care (`csc-caseload:<worker id>`); registration records name none;
 * - each caller holds units by their token's claims (`callerCareUnits`).
 *
 * family-index, which knows every record of every member of a family, answers whether any record
 * of the person's family is held by one of the caller's units; the agency subgraphs take that
 * answer (`Person.legitimateRelationship`, through `@requires`) and grant full detail or summary.
 */

export const CARE_UNIT_KINDS = ["hv-caseload", "centre", "maternity-provider", "csc-caseload"] as const;
export type CareUnitKind = (typeof CARE_UNIT_KINDS)[number];

export function careUnit(kind: CareUnitKind, id: string): string {
  return `${kind}:${id}`;
}

/**
 * The care units a caller works in, from their token: their centre (`centre` claim), their
 * health visiting caseload (`caseload` claim) and, for a midwife, the maternity provider they
 * work for (`org` claim: the maternity system names no midwife, so a midwife's caseload is the
 * women booked with their trust).
 */
export function callerCareUnits(caller: Pick<Caller, "role" | "organisation" | "centre" | "caseload">): string[] {
  const units: string[] = [];
  if (caller.centre) units.push(careUnit("centre", caller.centre));
  // A `caseload` claim is a social worker's caseload in children's social care, anyone else's a health visiting one.
  if (caller.caseload)
    units.push(careUnit(caller.role === "social-worker" ? "csc-caseload" : "hv-caseload", caller.caseload));
  if (caller.role === "midwife" && caller.organisation) units.push(careUnit("maternity-provider", caller.organisation));
  return units;
}
