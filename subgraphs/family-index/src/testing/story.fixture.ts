import type { Agency, IdentityRecord } from "@ffd/shared";
import type { SourceRecord } from "../linkage/types";

/**
 * A hand-made borough mirroring issue 2's story, so that assertions are exact:
 *
 * - Amira Hussain (born 1994-03-12) is in maternity and health visiting with her NHS number,
 *   and in registration (as Zara's mother, without an NHS number: registration keeps none for
 *   parents) with the same name, date of birth and postcode. The children's centres hold her
 *   as "Amirah Husain" with no NHS number: a different person until probabilistic linkage.
 * - Zara Hussain, born 45 days before the reference date, is a maternity baby with no forename,
 *   a health visiting child, a registered child (all with her NHS number), and a centres child
 *   whose name, date of birth and postcode match exactly.
 * - The Okafor family: Chidi (father in health visiting and registration), Ngozi (mother),
 *   their son Tobi (spelt "Toby" by health visiting, linked by NHS number); registration
 *   records Ngozi as mother and Chidi as parent2 (FATHER).
 * - Grace Bell: booked in maternity, no baby yet, no relations: a person with no family.
 * - Sam Reid: a centres-only carer with two children in one household, no relations.
 */
export const REFERENCE_DATE = "2025-06-01";
export const ZARA_DOB = "2025-04-17"; // 45 days before the reference date
export const AMIRA_DOB = "1994-03-12";
export const AMIRA_NHS = "9434765919";
export const ZARA_NHS = "4857773457";
export const TOBI_NHS = "4010232137";
export const NGOZI_NHS = "6324491013";
export const CHIDI_NHS = "7084159223";

const person = (r: Partial<IdentityRecord> & { localId: string }): IdentityRecord => ({
  nhsNumber: null,
  givenName: null,
  familyName: null,
  dateOfBirth: null,
  sex: null,
  postcode: null,
  relations: [],
  ...r,
});

export function storyFeeds(): Record<Agency, IdentityRecord[]> {
  return {
    maternity: [
      person({
        localId: "MAT0000001",
        nhsNumber: AMIRA_NHS,
        givenName: "Amira",
        familyName: "Hussain",
        dateOfBirth: AMIRA_DOB,
        sex: "FEMALE",
        postcode: "DY1 4QT",
      }),
      person({
        localId: "BAB0000001",
        nhsNumber: ZARA_NHS,
        givenName: null,
        familyName: "Hussain",
        dateOfBirth: ZARA_DOB,
        sex: "FEMALE",
        postcode: "DY1 4QT",
        relations: [{ localId: "MAT0000001", relationship: "MOTHER" }],
      }),
      person({
        localId: "MAT0000003",
        nhsNumber: "6123456784",
        givenName: "Grace",
        familyName: "Bell",
        dateOfBirth: "1999-09-09",
        sex: "FEMALE",
        postcode: "DY5 5EE",
      }),
      person({
        localId: "MAT0000002",
        nhsNumber: NGOZI_NHS,
        givenName: "Ngozi",
        familyName: "Okafor",
        dateOfBirth: "1990-07-01",
        sex: "FEMALE",
        postcode: "DY2 8PP",
      }),
      person({
        localId: "BAB0000002",
        nhsNumber: TOBI_NHS,
        givenName: "Tobi",
        familyName: "Okafor",
        dateOfBirth: "2024-02-02",
        sex: "MALE",
        postcode: "DY2 8PP",
        relations: [{ localId: "MAT0000002", relationship: "MOTHER" }],
      }),
    ],
    "health-visiting": [
      person({
        localId: "101",
        nhsNumber: AMIRA_NHS,
        givenName: "Amira",
        familyName: "Hussain",
        dateOfBirth: AMIRA_DOB,
        sex: "FEMALE",
        postcode: "DY1 4QT",
      }),
      person({
        localId: "102",
        nhsNumber: ZARA_NHS,
        givenName: "Zara",
        familyName: "Hussain",
        dateOfBirth: ZARA_DOB,
        sex: "FEMALE",
        postcode: "DY1 4QT",
        relations: [{ localId: "101", relationship: "MOTHER" }],
      }),
      person({
        localId: "201",
        nhsNumber: CHIDI_NHS,
        givenName: "Chidi",
        familyName: "Okafor",
        dateOfBirth: "1988-11-20",
        sex: "MALE",
        postcode: "DY2 8PP",
      }),
      person({
        localId: "202",
        nhsNumber: TOBI_NHS,
        givenName: "Toby",
        familyName: "Okafor",
        dateOfBirth: "2024-02-02",
        sex: "MALE",
        postcode: "DY2 8PP",
        relations: [{ localId: "201", relationship: "FATHER" }],
      }),
    ],
    "childrens-centres": [
      person({
        localId: "M0000001",
        givenName: "Amirah",
        familyName: "Husain",
        dateOfBirth: AMIRA_DOB,
        sex: "FEMALE",
        postcode: "DY1 4QT",
        householdId: "HH000001",
      }),
      person({
        localId: "M0000002",
        givenName: "Zara",
        familyName: "Hussain",
        dateOfBirth: ZARA_DOB,
        sex: "FEMALE",
        postcode: "dy14qt",
        householdId: "HH000001",
      }),
      person({
        localId: "M0000003",
        givenName: "Sam",
        familyName: "Reid",
        dateOfBirth: "1985-05-05",
        sex: "UNKNOWN",
        postcode: "DY3 1AA",
        householdId: "HH000002",
      }),
      person({
        localId: "M0000004",
        givenName: "Ava",
        familyName: "Reid",
        dateOfBirth: "2021-09-09",
        sex: "FEMALE",
        postcode: "DY3 1AA",
        householdId: "HH000002",
      }),
      person({
        localId: "M0000005",
        givenName: "Leo",
        familyName: "Reid",
        dateOfBirth: "2023-01-15",
        sex: "MALE",
        postcode: "DY3 1AA",
        householdId: "HH000002",
      }),
    ],
    registration: [
      person({
        localId: "Dudley North:101:child",
        nhsNumber: ZARA_NHS,
        givenName: "Zara",
        familyName: "Hussain",
        dateOfBirth: ZARA_DOB,
        sex: "FEMALE",
        postcode: "DY1 4QT",
        relations: [{ localId: "Dudley North:101:mother", relationship: "MOTHER" }],
      }),
      person({
        localId: "Dudley North:101:mother",
        givenName: "Amira",
        familyName: "Hussain",
        dateOfBirth: AMIRA_DOB,
        sex: "FEMALE",
        postcode: "DY1 4QT",
      }),
      person({
        localId: "Dudley North:57:child",
        nhsNumber: TOBI_NHS,
        givenName: "Tobi",
        familyName: "Okafor",
        dateOfBirth: "2024-02-02",
        sex: "MALE",
        postcode: "DY2 8PP",
        relations: [
          { localId: "Dudley North:57:mother", relationship: "MOTHER" },
          { localId: "Dudley North:57:parent2", relationship: "FATHER" },
        ],
      }),
      person({
        localId: "Dudley North:57:mother",
        givenName: "Ngozi",
        familyName: "Okafor",
        dateOfBirth: "1990-07-01",
        sex: "FEMALE",
        postcode: "DY2 8PP",
      }),
      person({
        localId: "Dudley North:57:parent2",
        givenName: "Chidi",
        familyName: "Okafor",
        dateOfBirth: "1988-11-20",
        sex: "MALE",
        postcode: "DY2 8PP",
      }),
    ],
  };
}

export function storyRecords(): SourceRecord[] {
  return Object.entries(storyFeeds()).flatMap(([agency, records]) =>
    records.map((r) => ({ ...r, agency: agency as Agency })),
  );
}
