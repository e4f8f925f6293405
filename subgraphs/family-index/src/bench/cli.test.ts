import type { LabelledRecord } from "../eval/labelled";
import { isNameAndDob, misspell, parseBenchArgs, searchQueries } from "./cli";

describe("npm run bench arguments", () => {
  it("defaults to the 100,000-family borough and every section", () => {
    expect(parseBenchArgs([])).toEqual({ families: 100_000, seed: 1, json: false, only: null });
  });

  it("takes a size, a seed, sections to run and --json", () => {
    expect(parseBenchArgs(["--families", "2000", "--seed", "3", "--only", "linkage", "--json"])).toEqual({
      families: 2000,
      seed: 3,
      json: true,
      only: ["linkage"],
    });
  });

  it("refuses an unknown section or argument, naming the usage", () => {
    expect(() => parseBenchArgs(["--only", "nope"])).toThrow(/--only linkage\|search/);
    expect(() => parseBenchArgs(["--families", "many"])).toThrow(/bad argument --families/);
  });

  it("misspells as the search section expects", () => {
    expect(misspell("Hussain")).toBe("Husain");
    expect(misspell("Ahmed")).toBe("Ahmed".replace("hm", "mh"));
  });
});

describe("the search section's queries", () => {
  const record = (localId: string, values: Partial<LabelledRecord["record"]>): LabelledRecord => ({
    clusterId: localId,
    record: {
      agency: "maternity",
      localId,
      nhsNumber: null,
      givenName: "Amira",
      familyName: "Hussain",
      dateOfBirth: "1994-03-12",
      sex: "FEMALE",
      postcode: "DY1 4QT",
      relations: [],
      ...values,
    },
  });

  it("asks what each kind names, and full name + date of birth of a record lacking what its kind needs", () => {
    // A misspelt family name is still a full name: those count among the full name + date of birth queries.
    const sample = [
      record("a", {}),
      record("b", {}),
      record("c", { nhsNumber: null }),
      record("d", { postcode: null }),
      record("e", {}),
      record("f", {}),
      record("g", {}),
      record("h", { givenName: null }),
    ];
    const queries = searchQueries(sample);
    expect(queries.map((q) => q.kind)).toEqual([
      "name+dob",
      "misspeltFamily+dob",
      "name+dob",
      "name+dob",
      "name+dob",
      "misspeltFamily+dob",
      "name+dob",
      "name+dob",
    ]);
    expect(queries[3].query).toEqual({ givenName: "amira", familyName: "hussain", dateOfBirth: "1994-03-12" });
    expect(queries.map((q) => isNameAndDob(q.query))).toEqual([true, true, true, true, true, true, true, false]);
  });
});
