import type { LinkedIndex, LinkedPerson, LinkedRecord } from "../linkage/types";
import { MAX_RESULTS, SearchIndex, toCriteria } from "./search-index";

function person(
  id: string,
  givenName: string,
  familyName: string,
  dateOfBirth: string,
  postcode: string,
): { person: LinkedPerson; record: LinkedRecord } {
  return {
    person: {
      id,
      anchor: `maternity:${id}`,
      nhsNumber: null,
      givenName,
      familyName,
      dateOfBirth,
      sex: null,
      postcode,
      familyId: null,
    },
    record: {
      agency: "maternity",
      localId: id,
      personId: id,
      rule: "ANCHOR",
      confidence: 1,
      linkedTo: null,
      nhsNumber: null,
      givenName,
      familyName,
      dateOfBirth,
      sex: null,
      postcode,
      householdId: null,
    },
  };
}

function indexOf(people: ReturnType<typeof person>[]): SearchIndex {
  const index: LinkedIndex = {
    persons: people.map((p) => p.person),
    records: people.map((p) => p.record),
    families: [],
  };
  return new SearchIndex(index);
}

describe("SearchIndex", () => {
  it(`returns at most ${MAX_RESULTS} results, best first then by name`, () => {
    const smiths = Array.from({ length: 30 }, (_, i) =>
      person(
        `P${String(i).padStart(2, "0")}`,
        `Given${String(29 - i).padStart(2, "0")}`,
        "Smith",
        "2020-01-01",
        "DY1 1AA",
      ),
    );
    const hits = indexOf(smiths).search(toCriteria({ familyName: "Smith" }));
    expect(hits).toHaveLength(25);
    // All score 1: sorted by given name, Given00 (P29) first.
    expect(hits[0]).toEqual({ personId: "P29", score: 1, matchedOn: ["familyName"] });
    expect(hits[24].personId).toBe("P05");
  });

  it("needs every field with two given, all but one with three or more", () => {
    const index = indexOf([
      person("A", "Ann", "Lee", "2020-01-01", "DY1 1AA"),
      person("B", "Ann", "Lee", "2020-01-02", "DY1 1AA"),
      person("C", "Bea", "Lee", "2020-01-02", "DY9 9ZZ"),
    ]);
    expect(index.search(toCriteria({ familyName: "Lee", dateOfBirth: "2020-01-01" })).map((h) => h.personId)).toEqual([
      "A",
    ]);
    expect(index.search(toCriteria({ givenName: "Ann", familyName: "Lee", dateOfBirth: "2020-01-01" }))).toEqual([
      { personId: "A", score: 1, matchedOn: ["givenName", "familyName", "dateOfBirth"] },
      { personId: "B", score: 0.625, matchedOn: ["givenName", "familyName"] },
    ]);
    expect(
      index
        .search(toCriteria({ givenName: "Bea", familyName: "Lee", dateOfBirth: "2020-01-01", postcode: "dy9 9zz" }))
        .map((h) => h.personId),
    ).toEqual(["C"]);
  });

  it("normalises the criteria and leaves blank fields out", () => {
    expect(
      toCriteria({
        nhsNumber: " 943 476 5919 ",
        givenName: "  Mary   Ann ",
        familyName: "",
        postcode: "dy14qt",
        dateOfBirth: null,
      }),
    ).toEqual({
      nhsNumber: "9434765919",
      givenName: "mary ann",
      postcode: "DY1 4QT",
    });
  });
});
