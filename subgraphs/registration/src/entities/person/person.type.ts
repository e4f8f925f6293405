import { agencyPersonType } from "@ffd/shared";
import { BirthRegistrationRecord } from "../birth-registration-record/birth-registration-record.type";

/** Person is family-index's; this subgraph adds what the register of births knows of them. */
export const Person = agencyPersonType("registration", {
  record: () => BirthRegistrationRecord,
  description:
    "What the register of births holds about this person; null when it holds nothing known to be theirs. Full detail or a summary as the access policy gives the caller; null with a FORBIDDEN error when it gives nothing.",
});
