import type { Agency, IdentityRecord } from "@ffd/shared";
import { careUnit } from "@ffd/shared";
import { storyFeeds, UNITS } from "./story.fixture";

/**
 * The hand-made story borough (story.fixture.ts) with the Patels of issue 11 added, for the
 * outreach list (kept apart so that the story's counts other tests assert stay as they are):
 *
 * - Priya Patel (born 1996-01-20) and her son Arjun, born 20 days before the reference date, at
 *   DY1 1PN (St Mark's Children's Centre's reach, Brindleford Central: the Hussains' locality):
 *   known to maternity, health visiting (caseload 3) and registration, known to no children's
 *   centre. Arjun is on Brindleford Central's list; Zara Hussain, 45 days old in the same
 *   locality, is known to a centre and is not.
 */
export const PRIYA_DOB = "1996-01-20";
export const ARJUN_DOB = "2025-05-12"; // 20 days before the reference date
export const PRIYA_NHS = "4857773619";
export const ARJUN_NHS = "4857773627";
export const PATEL_POSTCODE = "DY1 1PN";
export const CASELOAD_3 = careUnit("hv-caseload", "3");

const patel = (r: Partial<IdentityRecord> & { localId: string; mother?: string }): IdentityRecord => {
  const { mother, ...rest } = r;
  const child = mother !== undefined;
  return {
    nhsNumber: child ? ARJUN_NHS : PRIYA_NHS,
    givenName: child ? "Arjun" : "Priya",
    familyName: "Patel",
    dateOfBirth: child ? ARJUN_DOB : PRIYA_DOB,
    sex: child ? "MALE" : "FEMALE",
    postcode: PATEL_POSTCODE,
    relations: child ? [{ localId: mother, relationship: "MOTHER" }] : [],
    ...rest,
  };
};

export function outreachFeeds(): Record<Agency, IdentityRecord[]> {
  const feeds = storyFeeds();
  return {
    ...feeds,
    maternity: [
      ...feeds.maternity,
      patel({ localId: "MAT0000004", careUnit: UNITS.providerRNA }),
      // Maternity names a baby by surname only, as it does Zara.
      patel({ localId: "BAB0000004", careUnit: UNITS.providerRNA, givenName: null, mother: "MAT0000004" }),
    ],
    "health-visiting": [
      ...feeds["health-visiting"],
      patel({ localId: "301", careUnit: CASELOAD_3 }),
      patel({ localId: "302", careUnit: CASELOAD_3, mother: "301" }),
    ],
    registration: [
      ...feeds.registration,
      // Registration keeps no NHS number for parents.
      patel({ localId: "Dudley North:102:mother", nhsNumber: null }),
      patel({ localId: "Dudley North:102:child", mother: "Dudley North:102:mother" }),
    ],
  };
}
