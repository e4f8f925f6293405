import type { LinkedPerson, LinkedRecord } from "../linkage/types";
import { CareUnitIndex } from "./care-units";

function person(id: string, familyId: string | null): LinkedPerson {
  return {
    id,
    anchor: `maternity:${id}`,
    nhsNumber: null,
    givenName: null,
    familyName: null,
    dateOfBirth: null,
    sex: null,
    postcode: null,
    familyId,
  };
}

function record(localId: string, personId: string, careUnit: string | null): LinkedRecord {
  return {
    agency: "maternity",
    localId,
    personId,
    rule: "ANCHOR",
    confidence: 1,
    linkedTo: null,
    nhsNumber: null,
    givenName: null,
    familyName: null,
    dateOfBirth: null,
    sex: null,
    postcode: null,
    householdId: null,
    careUnit,
  };
}

describe("CareUnitIndex", () => {
  const persons = [
    person("P1", "F1"),
    person("P2", "F1"),
    person("P3", "F2"),
    person("P4", "F3"),
    person("P5", null),
    person("P6", null),
  ];
  const records = [
    record("1", "P1", "centre:CC01"),
    record("2", "P2", "hv-caseload:7"),
    record("3", "P2", "centre:CC01"), // the same unit twice in one family: listed once
    record("4", "P3", "hv-caseload:7"),
    record("5", "P3", "centre:CC01"),
    record("6", "P4", null),
    record("7", "P5", "maternity-provider:RNA"),
    record("8", "P6", null),
  ];
  const index = new CareUnitIndex({ records, persons });

  it("gives a person the units holding any record of their family, sorted, each once", () => {
    expect(index.unitsOf(persons[0])).toEqual(["centre:CC01", "hv-caseload:7"]);
    expect(index.unitsOf(persons[1])).toEqual(["centre:CC01", "hv-caseload:7"]);
  });

  it("shares one list between families held by the same units (memory: one list, not one per family)", () => {
    expect(index.unitsOf(persons[2])).toBe(index.unitsOf(persons[0]));
  });

  it("gives a person with no family their own records' units, and none when no unit holds them", () => {
    expect(index.unitsOf(persons[4])).toEqual(["maternity-provider:RNA"]);
    expect(index.unitsOf(persons[5])).toEqual([]);
    expect(index.unitsOf(persons[3])).toEqual([]);
    expect(index.size).toBe(3);
  });

  it("answers whether any of a caller's units holds the family; never for a caller with none", () => {
    expect(index.heldByAny(persons[1], ["hv-caseload:7"])).toBe(true);
    expect(index.heldByAny(persons[0], ["hv-caseload:8", "centre:CC01"])).toBe(true);
    expect(index.heldByAny(persons[0], ["centre:CC02"])).toBe(false);
    expect(index.heldByAny(persons[4], [])).toBe(false);
    expect(index.heldByAny(persons[5], ["maternity-provider:RNA"])).toBe(false);
  });
});
