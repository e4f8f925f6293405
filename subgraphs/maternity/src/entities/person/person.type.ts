import { agencyPersonType } from "@ffd/shared";
import { MaternityRecord } from "../maternity-record/maternity-record.type";

/** The family index's Person, extended with what the maternity system knows about them. */
export const Person = agencyPersonType("maternity", {
  record: () => MaternityRecord,
  description:
    "What the maternity system holds about this person; null when it holds nothing. Full detail or a summary as the access policy gives the caller; null with a FORBIDDEN error when it gives nothing.",
});
