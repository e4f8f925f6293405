import { openReference } from "@ffd/shared";
import { Person } from "./person.type";

export interface PersonRepresentation {
  __typename: "Person";
  id: string;
  childrensCentresRecordIds?: readonly string[] | null;
  legitimateRelationship?: unknown;
}

/**
 * `_entities` for Person. The representation already carries the member references
 * (@requires), so nothing is read here: `childrensCentres` loads them through the request's
 * loaders, one query per table for all the representations in the call.
 */
export function resolvePersonReference(representation: PersonRepresentation): Person {
  const person = new Person();
  person.id = representation.id;
  person.childrensCentresRecordIds = [...(representation.childrensCentresRecordIds ?? [])];
  // Only an explicit true counts: a representation without it gets no relationship (summary at most).
  person.legitimateRelationship = representation.legitimateRelationship === true;
  return person;
}

/** Person is family-index's entity: this stub holds only its id, and Person.childrensCentres applies the grant itself. */
export const personReference = openReference(
  "family-index's Person; its childrensCentres field applies the grant",
  (representation: PersonRepresentation) => resolvePersonReference(representation),
);
