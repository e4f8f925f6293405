import { openReference } from "@ffd/shared";
import type { Person } from "./person.type";

/** What the gateway sends: the key, and (because of @requires) the person's patient ids. */
export interface PersonRepresentation {
  __typename: "Person";
  id: string;
  healthVisitingRecordIds?: unknown;
  legitimateRelationship?: unknown;
}

/**
 * Resolves a Person representation without touching the database: `healthVisiting` loads
 * through the per-request patient loader, so N representations in one `_entities` call are
 * loaded in one batch (and an unavailable system nulls that field, not the whole entity).
 */
export function resolvePersonReference(ref: PersonRepresentation): Person {
  const ids = Array.isArray(ref.healthVisitingRecordIds)
    ? ref.healthVisitingRecordIds.filter((v): v is string => typeof v === "string")
    : [];
  // Only an explicit true counts: a representation without it gets no relationship (summary at most).
  return { id: ref.id, healthVisitingRecordIds: ids, legitimateRelationship: ref.legitimateRelationship === true };
}

/** Person is family-index's entity: this stub holds only its id, and Person.healthVisiting applies the grant itself. */
export const personReference = {
  Person: openReference("family-index's Person; its healthVisiting field applies the grant", resolvePersonReference),
};
