import { agencyPersonReference } from "@ffd/shared";

/** `_entities` for Person: the kit's stub, read by Person.childrensSocialCare through the request's loaders. */
export const personReference = agencyPersonReference("childrens-social-care");
