import { agencyPersonReference } from "@ffd/shared";

/** `_entities` for Person: the kit's stub, read by Person.birthRegistration through the request's loaders. */
export const personReference = agencyPersonReference("registration");
