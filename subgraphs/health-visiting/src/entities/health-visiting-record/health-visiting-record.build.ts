import type { IsoDate } from "@ffd/shared";
import type { HvContact, HvPatient } from "../../source/health-visiting.port";
import { MandatedReviewType } from "../mandated-review/mandated-review.type";
import { antenatalReviews, childReviews, type AssessedReview } from "../mandated-review/schedule";
import { HealthVisitingClientType } from "../../source/health-visiting.port";
import type { HealthVisitingRecord } from "./health-visiting-record.type";

/** When one person has several patient records, the one that says most about what is due leads. */
const LEAD_ORDER: readonly HealthVisitingClientType[] = [
  HealthVisitingClientType.CHILD,
  HealthVisitingClientType.EXPECTANT_PARENT,
  HealthVisitingClientType.PARENT_OR_CARER,
];

function byLocalId(a: HvPatient, b: HvPatient): number {
  return Number(a.localId) - Number(b.localId);
}

/**
 * One person's health visiting record, from the patient records the family index linked to
 * them (usually one), as of `asOf`. Null when none of them exists. Contacts dated after `asOf`
 * have not happened yet as of that date, so they are left out.
 */
export function buildHealthVisitingRecord(patients: readonly HvPatient[], asOf: IsoDate): HealthVisitingRecord | null {
  if (patients.length === 0) return null;
  const sorted = [...patients].sort(byLocalId);
  const lead = [...sorted].sort((a, b) => LEAD_ORDER.indexOf(a.clientType) - LEAD_ORDER.indexOf(b.clientType))[0];
  const contacts = sorted
    .flatMap((p) => p.contacts)
    .filter((c) => c.date <= asOf)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  let assessed: AssessedReview<HvContact>[] = [];
  if (lead.clientType === HealthVisitingClientType.CHILD && lead.dateOfBirth !== null) {
    const mothers = sorted.flatMap((p) => p.mothersAntenatalContacts);
    assessed = childReviews(lead.dateOfBirth, contacts, mothers, asOf);
  } else if (lead.clientType === HealthVisitingClientType.EXPECTANT_PARENT && lead.expectedDeliveryDate !== null) {
    assessed = antenatalReviews(lead.expectedDeliveryDate, contacts, asOf);
  }
  const sixToEight = assessed.find((a) => a.review.type === MandatedReviewType.SIX_TO_EIGHT_WEEK);

  const caseload = lead.caseload ?? sorted.find((p) => p.caseload !== null)?.caseload ?? null;
  const since = sorted.map((p) => p.onCaseloadSince).filter((d): d is IsoDate => d !== null);

  return {
    localIds: sorted.map((p) => p.localId),
    clientType: lead.clientType,
    team: caseload?.team ?? null,
    namedHealthVisitor: caseload?.namedHealthVisitor ?? null,
    base: caseload?.base ?? null,
    onCaseloadSince: since.length === 0 ? null : since.reduce((a, b) => (b < a ? b : a)),
    expectedDeliveryDate:
      lead.clientType === HealthVisitingClientType.EXPECTANT_PARENT ? lead.expectedDeliveryDate : null,
    mandatedReviews: assessed.map((a) => a.review),
    breastfeedingAtSixToEightWeeks: sixToEight?.completedBy?.breastfeeding ?? null,
    contacts: contacts.map((c) => ({ date: c.date, type: c.type, outcome: c.outcome })),
  };
}
