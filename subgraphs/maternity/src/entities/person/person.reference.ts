import { openReference } from "@ffd/shared";
import type { Person } from "./person.type";

/** The representation the gateway sends: family-index's id and the @requires link list. */
export interface PersonRepresentation {
  __typename: "Person";
  id: string;
  maternityRecordIds?: readonly string[] | null;
  legitimateRelationship?: unknown;
}

/**
 * Resolves a Person reference without a query: the maternity field then loads every
 * representation's records through the request's loaders, so N representations in one
 * `_entities` call share one query per table.
 */
export function resolvePersonReference(reference: PersonRepresentation): Person {
  return {
    id: reference.id,
    maternityRecordIds: [...(reference.maternityRecordIds ?? [])],
    // Only an explicit true counts: a representation without it gets no relationship (summary at most).
    legitimateRelationship: reference.legitimateRelationship === true,
  };
}

/** Person is family-index's entity: this stub holds only its id, and Person.maternity applies the grant itself. */
export const personReference = openReference(
  "family-index's Person; its maternity field applies the grant",
  resolvePersonReference,
);
