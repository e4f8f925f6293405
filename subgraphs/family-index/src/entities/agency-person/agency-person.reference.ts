import { guardedReference, type FieldGroup } from "@ffd/shared";
import type { FamilyIndexContext } from "../../context";
import type { AgencyPersonRef, WorkItemRef } from "./agency-person.type";

/**
 * `_entities` for an agency record of a person, by its local id: all the family index adds is
 * which person the record is, which `Person.records` shows a caller with at least a summary of
 * that agency's data. So the same grant here: nothing (null, FORBIDDEN) for a role the policy
 * shows nothing of the agency.
 */
function agencyPersonReference(group: FieldGroup) {
  return guardedReference(group, (ref: { localId?: unknown }, _ctx: FamilyIndexContext): AgencyPersonRef | null =>
    typeof ref.localId === "string" ? { localId: ref.localId } : null,
  );
}

export const registeredChildReference = agencyPersonReference("birthRegistration");
export const registeredParentReference = agencyPersonReference("birthRegistration");
export const birthDetailsReference = agencyPersonReference("maternity");

/** A work list item by its child's patient id, under the same grant as the child's health visiting record. */
export const mandatedReviewWorkItemReference = guardedReference(
  "healthVisiting",
  (ref: { childLocalId?: unknown }, _ctx: FamilyIndexContext): WorkItemRef | null =>
    typeof ref.childLocalId === "string" ? { childLocalId: ref.childLocalId } : null,
);
