import { openReference } from "@ffd/shared";
import type { PersonReference } from "./person.type";

/**
 * `_entities` for Person: the representation already carries what birthRegistration needs
 * (`registrationRecordIds`, by @requires), so nothing is read here; the field reads through the
 * request's loader, so N representations make one query.
 */
export function resolvePersonReference(ref: {
  id?: unknown;
  registrationRecordIds?: unknown;
  legitimateRelationship?: unknown;
}): PersonReference | null {
  if (typeof ref.id !== "string") return null;
  return {
    id: ref.id,
    registrationRecordIds: Array.isArray(ref.registrationRecordIds) ? ref.registrationRecordIds : [],
    legitimateRelationship: ref.legitimateRelationship === true,
  };
}

/** Person is family-index's entity: this stub holds only its id, and Person.birthRegistration applies the grant itself. */
export const personReference = openReference(
  "family-index's Person; its birthRegistration field applies the grant",
  resolvePersonReference,
);
