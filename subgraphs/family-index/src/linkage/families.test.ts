import type { Agency } from "@ffd/shared";
import { REFERENCE_DATE, storyRecords } from "../testing/story.fixture";
import { buildLinkedIndex } from "./build";
import { personIdFor } from "./ids";
import type { LinkedIndex, SourceRecord } from "./types";

const rec = (agency: Agency, localId: string, r: Partial<SourceRecord> = {}): SourceRecord => ({
  agency,
  localId,
  nhsNumber: null,
  givenName: null,
  familyName: null,
  dateOfBirth: null,
  sex: null,
  postcode: null,
  relations: [],
  ...r,
});

function personOf(index: LinkedIndex, agency: Agency, localId: string) {
  const r = index.records.find((x) => x.agency === agency && x.localId === localId)!;
  return index.persons.find((p) => p.id === r.personId)!;
}

function recordsOf(index: LinkedIndex, personId: string) {
  return index.records
    .filter((r) => r.personId === personId)
    .map((r) => `${r.agency}:${r.localId}:${r.rule}`)
    .sort();
}

/** The family of a person as "Given Family=RELATIONSHIP", sorted. */
function familyOf(index: LinkedIndex, personId: string): string[] {
  const familyId = index.persons.find((p) => p.id === personId)!.familyId!;
  const family = index.families.find((f) => f.id === familyId)!;
  return family.members
    .map((m) => {
      const p = index.persons.find((x) => x.id === m.personId)!;
      return `${p.givenName} ${p.familyName}=${m.relationship}`;
    })
    .sort();
}

describe("the story families", () => {
  const { index } = buildLinkedIndex(storyRecords(), { referenceDate: REFERENCE_DATE });

  it("links Amira's maternity, health visiting and registration records; the centres' Amirah Husain stays apart", () => {
    const amira = personOf(index, "maternity", "MAT0000001");
    expect(amira.id).toBe(personIdFor("maternity:MAT0000001"));
    expect(recordsOf(index, amira.id)).toEqual([
      "health-visiting:101:NHS_NUMBER_AND_DATE_OF_BIRTH",
      "maternity:MAT0000001:ANCHOR",
      "registration:Dudley North:101:mother:NAME_DATE_OF_BIRTH_AND_POSTCODE",
    ]);
    expect(amira).toMatchObject({
      givenName: "Amira",
      familyName: "Hussain",
      dateOfBirth: "1994-03-12",
      nhsNumber: "9434765919",
      sex: "FEMALE",
    });
    const amirah = personOf(index, "childrens-centres", "M0000001");
    expect(amirah.id).not.toBe(amira.id);
    expect(recordsOf(index, amirah.id)).toEqual(["childrens-centres:M0000001:ANCHOR"]);
  });

  it("links Zara across all four agencies (the centres record by exact name, date of birth and postcode)", () => {
    const zara = personOf(index, "maternity", "BAB0000001");
    expect(recordsOf(index, zara.id)).toEqual([
      "childrens-centres:M0000002:NAME_DATE_OF_BIRTH_AND_POSTCODE",
      "health-visiting:102:NHS_NUMBER_AND_DATE_OF_BIRTH",
      "maternity:BAB0000001:ANCHOR",
      "registration:Dudley North:101:child:NHS_NUMBER_AND_DATE_OF_BIRTH",
    ]);
    expect(zara).toMatchObject({
      givenName: "Zara",
      familyName: "Hussain",
      dateOfBirth: "2025-04-17",
      nhsNumber: "4857773457",
    });
  });

  it("puts Amira, Zara and the centres' Amirah Husain (Zara's household) in one family", () => {
    const zara = personOf(index, "maternity", "BAB0000001");
    expect(familyOf(index, zara.id)).toEqual(["Amira Hussain=MOTHER", "Amirah Husain=CARER", "Zara Hussain=CHILD"]);
    expect(personOf(index, "maternity", "MAT0000001").familyId).toBe(zara.familyId);
  });

  it("gives the Okafors a mother, a father (health visiting and registration's parent2) and a child", () => {
    const tobi = personOf(index, "registration", "Dudley North:57:child");
    expect(recordsOf(index, tobi.id)).toHaveLength(3);
    expect(familyOf(index, tobi.id)).toEqual(["Chidi Okafor=FATHER", "Ngozi Okafor=MOTHER", "Tobi Okafor=CHILD"]);
  });

  it("reads a centres household with no relations by age: adults are carers, under-18s children", () => {
    const sam = personOf(index, "childrens-centres", "M0000003");
    expect(familyOf(index, sam.id)).toEqual(["Ava Reid=CHILD", "Leo Reid=CHILD", "Sam Reid=CARER"]);
  });

  it("has exactly the three families and derives family ids from the smallest member id", () => {
    expect(index.families).toHaveLength(3);
    for (const f of index.families) {
      expect(f.anchorPersonId).toBe([...f.members.map((m) => m.personId)].sort()[0]);
      expect(f.id).toMatch(/^F[0-9A-F]{16}$/);
    }
  });
});

describe("relationships", () => {
  const build = (records: SourceRecord[]) => buildLinkedIndex(records, { referenceDate: REFERENCE_DATE }).index;

  it("reads a CHILD relation on an adult's record the other way round", () => {
    const index = build([
      rec("health-visiting", "1", {
        givenName: "Ann",
        familyName: "Lee",
        dateOfBirth: "1980-01-01",
        relations: [{ localId: "2", relationship: "CHILD" }],
      }),
      rec("health-visiting", "2", { givenName: "Bo", familyName: "Lee", dateOfBirth: "2024-01-01" }),
    ]);
    expect(familyOf(index, personOf(index, "health-visiting", "1").id)).toEqual(["Ann Lee=CARER", "Bo Lee=CHILD"]);
  });

  it("prefers a specific role over CARER, and the most often recorded role", () => {
    const index = build([
      rec("health-visiting", "1", {
        givenName: "Kim",
        familyName: "Ray",
        dateOfBirth: "2024-01-01",
        nhsNumber: "4010232137",
        relations: [{ localId: "9", relationship: "CARER" }],
      }),
      rec("health-visiting", "9", {
        givenName: "Pat",
        familyName: "Ray",
        dateOfBirth: "1980-01-01",
        postcode: "DY1 1AA",
      }),
      rec("registration", "D:1:child", {
        givenName: "Kim",
        familyName: "Ray",
        dateOfBirth: "2024-01-01",
        nhsNumber: "4010232137",
        relations: [{ localId: "D:1:parent2", relationship: "SECOND_PARENT" }],
      }),
      rec("registration", "D:1:parent2", {
        givenName: "Pat",
        familyName: "Ray",
        dateOfBirth: "1980-01-01",
        postcode: "DY1 1AA",
      }),
    ]);
    expect(familyOf(index, personOf(index, "health-visiting", "9").id)).toEqual([
      "Kim Ray=CHILD",
      "Pat Ray=SECOND_PARENT",
    ]);
  });

  it("gives a person with no relations and no household no family", () => {
    const index = build([
      rec("maternity", "MAT1", { givenName: "Solo", familyName: "One", dateOfBirth: "1990-01-01" }),
    ]);
    expect(index.persons[0].familyId).toBeNull();
    expect(index.families).toEqual([]);
  });

  it("ignores relations to records the feed did not send", () => {
    const index = build([
      rec("maternity", "BAB1", {
        familyName: "X",
        dateOfBirth: "2025-01-01",
        relations: [{ localId: "MAT404", relationship: "MOTHER" }],
      }),
    ]);
    expect(index.families).toEqual([]);
  });
});
