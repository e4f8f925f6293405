import { agencyPersonType } from "@ffd/shared";
import { ChildrensCentresRecord } from "../record/record.type";

/**
 * Person is owned by family-index. This subgraph adds `childrensCentres`, resolved from the
 * person's member references, which family-index holds (`childrensCentresRecordIds`) and
 * the router passes in each representation.
 */
export const Person = agencyPersonType("childrens-centres", {
  record: () => ChildrensCentresRecord,
  description:
    "What the children's centres know about this person; null when they hold no record of them. Full detail or a summary as the access policy gives the caller; null with a FORBIDDEN error when it gives nothing.",
});
