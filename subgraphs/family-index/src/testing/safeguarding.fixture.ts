import { careUnit, type Agency, type AgencyEvent, type IdentityRecord } from "@ffd/shared";
import { outreachFeeds } from "./outreach.fixture";
import { person, TOBI_NHS, ZARA_DOB, ZARA_NHS } from "./story.fixture";

/**
 * The outreach borough (story.fixture.ts with the Patels) with children's social care holding
 * two of its children, and what each agency's event feed says happened, for the weekly
 * safeguarding list. Every family here lives in Brindleford Central.
 *
 * - Week of 2025-05-19 (the Okafors' week, R − 10 falls in it): Tobi Okafor's child protection
 *   plan started on 2025-05-22 (children's social care); complex social factors were identified
 *   at Ngozi Okafor's pregnancy booking on 2025-05-20 (maternity, provider RL4). Grace Bell (no
 *   family, DY5 5EE: no locality) booked with complex social factors the same week; a social
 *   care client the index does not hold had a plan start too. Nothing about the Hussains.
 * - Week of 2025-05-12: Arjun Patel born (2025-05-12) into a family no centre knows (the family
 *   index's own reason) and Zara Hussain's child in need episode started (2025-05-14).
 */
export const CSC_CASELOAD = careUnit("csc-caseload", "7");
export const OKAFOR_WEEK = "2025-05-22";
export const PATEL_WEEK = "2025-05-14";

export function safeguardingFeeds(): Record<Agency, IdentityRecord[]> {
  const feeds = outreachFeeds();
  const client = (r: Partial<IdentityRecord> & { localId: string }) => person({ careUnit: CSC_CASELOAD, ...r });
  return {
    ...feeds,
    "childrens-social-care": [
      client({
        localId: "C0000001",
        nhsNumber: TOBI_NHS,
        givenName: "Tobi",
        familyName: "Okafor",
        dateOfBirth: "2024-02-02",
        sex: "MALE",
        postcode: "DY2 8PP",
      }),
      client({
        localId: "C0000002",
        nhsNumber: ZARA_NHS,
        givenName: "Zara",
        familyName: "Hussain",
        dateOfBirth: ZARA_DOB,
        sex: "FEMALE",
        postcode: "DY1 4QT",
      }),
    ],
  };
}

export const SAFEGUARDING_EVENTS: Partial<Record<Agency, AgencyEvent[]>> = {
  "childrens-social-care": [
    {
      localId: "C0000001",
      kind: "SOCIAL_CARE_FLAG_STARTED",
      on: "2025-05-22",
      summary: "Child protection plan started",
    },
    {
      localId: "C9999999",
      kind: "SOCIAL_CARE_FLAG_STARTED",
      on: "2025-05-21",
      summary: "Child protection plan started",
    },
    {
      localId: "C0000002",
      kind: "SOCIAL_CARE_FLAG_STARTED",
      on: "2025-05-14",
      summary: "Child in need episode started",
    },
  ],
  maternity: [
    {
      localId: "MAT0000002",
      kind: "COMPLEX_SOCIAL_FACTORS_AT_BOOKING",
      on: "2025-05-20",
      summary: "Complex social factors identified at pregnancy booking",
    },
    {
      localId: "MAT0000003",
      kind: "COMPLEX_SOCIAL_FACTORS_AT_BOOKING",
      on: "2025-05-21",
      summary: "Complex social factors identified at pregnancy booking",
    },
  ],
};
