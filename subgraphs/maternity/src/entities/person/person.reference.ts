import { agencyPersonReference } from "@ffd/shared";

/** `_entities` for Person: the kit's stub, read by Person.maternity through the request's loaders. */
export const personReference = agencyPersonReference("maternity");
