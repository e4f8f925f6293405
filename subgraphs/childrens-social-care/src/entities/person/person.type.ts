import { agencyPersonType } from "@ffd/shared";
import { ChildrensSocialCareRecord } from "../childrens-social-care-record/childrens-social-care-record.type";

/** Person is family-index's; this subgraph adds what children's social care knows of them. */
export const Person = agencyPersonType("childrens-social-care", {
  record: () => ChildrensSocialCareRecord,
  description:
    "What children's social care holds about this person (CP-IS flags and the allocated social worker); null when it holds nothing known to be theirs. Flags and the worker's contact for every casework role; plan detail as the access policy gives the caller; null with a FORBIDDEN error when it gives nothing.",
});
