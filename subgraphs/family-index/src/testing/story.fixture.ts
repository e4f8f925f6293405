import { AGENCIES, careUnit, type Agency, type IdentityRecord } from "@ffd/shared";
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
 *
 * Care units (who holds each record, for legitimate relationships): the Hussains and Grace Bell
 * booked with maternity provider RNA, the Okafors with RL4; the Hussains are on health visiting
 * caseload 1, the Okafors (Chidi and Tobi; Ngozi is not on the system) on caseload 2; the
 * Hussain household is registered at centre CC01, the Reids at CC02; registration names none.
 */
export const UNITS = {
  providerRNA: careUnit("maternity-provider", "RNA"),
  providerRL4: careUnit("maternity-provider", "RL4"),
  caseload1: careUnit("hv-caseload", "1"),
  caseload2: careUnit("hv-caseload", "2"),
  centreCC01: careUnit("centre", "CC01"),
  centreCC02: careUnit("centre", "CC02"),
} as const;
export const REFERENCE_DATE = "2025-06-01";
export const ZARA_DOB = "2025-04-17"; // 45 days before the reference date
export const AMIRA_DOB = "1994-03-12";
export const AMIRA_NHS = "9434765919";
export const ZARA_NHS = "4857773457";
export const TOBI_NHS = "4010232137";
export const NGOZI_NHS = "6324491013";
export const CHIDI_NHS = "7084159223";

/** An identity record: nothing known but what is given. */
export const person = (r: Partial<IdentityRecord> & { localId: string }): IdentityRecord => ({
  nhsNumber: null,
  givenName: null,
  familyName: null,
  dateOfBirth: null,
  sex: null,
  postcode: null,
  relations: [],
  ...r,
});

/** Every agency's feed, in the registry's order: an agency this borough does not mention holds no one. */
/** A second child of Amira, born after the story's feeds were read: maternity's record of the birth. */
export function newHussainBirth(): IdentityRecord {
  return {
    localId: "BAB0000099",
    nhsNumber: "9000000009",
    givenName: null,
    familyName: "Hussain",
    dateOfBirth: "2025-05-28",
    sex: "MALE",
    postcode: "DY1 4QT",
    relations: [{ localId: "MAT0000001", relationship: "MOTHER" }],
  };
}

export function storyFeeds(): Record<Agency, IdentityRecord[]> {
  return { ...noRecords(), ...storyRecordsByAgency() };
}

function noRecords(): Record<Agency, IdentityRecord[]> {
  return Object.fromEntries(AGENCIES.map((a) => [a, []])) as unknown as Record<Agency, IdentityRecord[]>;
}

function storyRecordsByAgency(): Partial<Record<Agency, IdentityRecord[]>> {
  return {
    maternity: [
      person({
        localId: "MAT0000001",
        careUnit: UNITS.providerRNA,
        nhsNumber: AMIRA_NHS,
        givenName: "Amira",
        familyName: "Hussain",
        dateOfBirth: AMIRA_DOB,
        sex: "FEMALE",
        postcode: "DY1 4QT",
      }),
      person({
        localId: "BAB0000001",
        careUnit: UNITS.providerRNA,
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
        careUnit: UNITS.providerRNA,
        nhsNumber: "6123456784",
        givenName: "Grace",
        familyName: "Bell",
        dateOfBirth: "1999-09-09",
        sex: "FEMALE",
        postcode: "DY5 5EE",
      }),
      person({
        localId: "MAT0000002",
        careUnit: UNITS.providerRL4,
        nhsNumber: NGOZI_NHS,
        givenName: "Ngozi",
        familyName: "Okafor",
        dateOfBirth: "1990-07-01",
        sex: "FEMALE",
        postcode: "DY2 8PP",
      }),
      person({
        localId: "BAB0000002",
        careUnit: UNITS.providerRL4,
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
        careUnit: UNITS.caseload1,
        nhsNumber: AMIRA_NHS,
        givenName: "Amira",
        familyName: "Hussain",
        dateOfBirth: AMIRA_DOB,
        sex: "FEMALE",
        postcode: "DY1 4QT",
      }),
      person({
        localId: "102",
        careUnit: UNITS.caseload1,
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
        careUnit: UNITS.caseload2,
        nhsNumber: CHIDI_NHS,
        givenName: "Chidi",
        familyName: "Okafor",
        dateOfBirth: "1988-11-20",
        sex: "MALE",
        postcode: "DY2 8PP",
      }),
      person({
        localId: "202",
        careUnit: UNITS.caseload2,
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
        careUnit: UNITS.centreCC01,
        givenName: "Amirah",
        familyName: "Husain",
        dateOfBirth: AMIRA_DOB,
        sex: "FEMALE",
        postcode: "DY1 4QT",
        householdId: "HH000001",
      }),
      person({
        localId: "M0000002",
        careUnit: UNITS.centreCC01,
        givenName: "Zara",
        familyName: "Hussain",
        dateOfBirth: ZARA_DOB,
        sex: "FEMALE",
        postcode: "dy14qt",
        householdId: "HH000001",
      }),
      person({
        localId: "M0000003",
        careUnit: UNITS.centreCC02,
        givenName: "Sam",
        familyName: "Reid",
        dateOfBirth: "1985-05-05",
        sex: "UNKNOWN",
        postcode: "DY3 1AA",
        householdId: "HH000002",
      }),
      person({
        localId: "M0000004",
        careUnit: UNITS.centreCC02,
        givenName: "Ava",
        familyName: "Reid",
        dateOfBirth: "2021-09-09",
        sex: "FEMALE",
        postcode: "DY3 1AA",
        householdId: "HH000002",
      }),
      person({
        localId: "M0000005",
        careUnit: UNITS.centreCC02,
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
    // Children's social care holds no one of this hand-made borough (the generated one's Okafors are in it).
  };
}

export function storyRecords(): SourceRecord[] {
  return Object.entries(storyFeeds()).flatMap(([agency, records]) =>
    records.map((r) => ({ ...r, agency: agency as Agency })),
  );
}
