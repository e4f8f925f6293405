import { agencyPersonType } from "@ffd/shared";
import { HealthVisitingRecord } from "../health-visiting-record/health-visiting-record.type";

/**
 * Person is owned by family-index; this subgraph adds `healthVisiting`, found from the local
 * patient ids that family-index linked to the person (`healthVisitingRecordIds`).
 */
export const Person = agencyPersonType("health-visiting", {
  record: () => HealthVisitingRecord,
  description:
    "What the health visiting service holds about this person; null when it holds nothing. Full detail or a summary as the access policy gives the caller; null with a FORBIDDEN error when it gives nothing.",
});
