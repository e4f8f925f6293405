import type { Agency } from "@ffd/shared";
import { AMIRA_DOB, AMIRA_NHS, REFERENCE_DATE, storyRecords, ZARA_DOB, ZARA_NHS } from "../testing/story.fixture";
import { buildLinkedIndex } from "./build";
import { personIdFor } from "./ids";
import { linkRecords } from "./link";
import { toLinkageRecord } from "./normalise";
import { DETERMINISTIC_RULES } from "./rules";
import type { LinkedIndex, LinkedRecord, ReviewDecision, SourceRecord } from "./types";

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

function link(records: SourceRecord[], decisions: ReviewDecision[] = []) {
  return linkRecords(records.map(toLinkageRecord), DETERMINISTIC_RULES, decisions);
}

/** Record keys grouped by person, each group sorted, groups sorted: easy to compare exactly. */
function people(records: readonly LinkedRecord[]): string[][] {
  const byPerson = new Map<string, string[]>();
  for (const r of records) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), `${r.agency}:${r.localId}`]);
  return [...byPerson.values()].map((g) => g.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

const ruleOf = (records: readonly LinkedRecord[], agency: Agency, localId: string) =>
  records.find((r) => r.agency === agency && r.localId === localId)!.rule;

describe("rule (a): valid NHS number and same date of birth", () => {
  it("links records with the same valid NHS number and date of birth, across agencies", () => {
    const { records } = link([
      rec("maternity", "MAT1", {
        nhsNumber: AMIRA_NHS,
        dateOfBirth: AMIRA_DOB,
        givenName: "Amira",
        familyName: "Hussain",
      }),
      rec("health-visiting", "7", {
        nhsNumber: "943 476 5919",
        dateOfBirth: AMIRA_DOB,
        givenName: "Amyra",
        familyName: "Hussein",
      }),
    ]);
    expect(people(records)).toEqual([["health-visiting:7", "maternity:MAT1"]]);
    expect(ruleOf(records, "maternity", "MAT1")).toBe("ANCHOR");
    expect(ruleOf(records, "health-visiting", "7")).toBe("NHS_NUMBER_AND_DATE_OF_BIRTH");
    const hv = records.find((r) => r.localId === "7")!;
    expect(hv).toMatchObject({ confidence: 1, linkedTo: "maternity:MAT1", nhsNumber: AMIRA_NHS });
  });

  it("does not link the same NHS number with a different date of birth", () => {
    const { records } = link([
      rec("maternity", "MAT1", { nhsNumber: AMIRA_NHS, dateOfBirth: AMIRA_DOB }),
      rec("health-visiting", "7", { nhsNumber: AMIRA_NHS, dateOfBirth: "1994-12-03" }),
    ]);
    expect(people(records)).toEqual([["health-visiting:7"], ["maternity:MAT1"]]);
  });

  it("does not use an NHS number that fails the Modulus 11 check", () => {
    const invalid = "4857773458";
    const { records } = link([
      rec("maternity", "BAB1", { nhsNumber: invalid, dateOfBirth: ZARA_DOB }),
      rec("registration", "D:1:child", { nhsNumber: invalid, dateOfBirth: ZARA_DOB }),
    ]);
    expect(people(records)).toEqual([["maternity:BAB1"], ["registration:D:1:child"]]);
  });

  it("links a baby booked with no forename to the registered child by NHS number", () => {
    const { records, persons } = link([
      rec("maternity", "BAB1", { nhsNumber: ZARA_NHS, familyName: "Hussain", dateOfBirth: ZARA_DOB, sex: "FEMALE" }),
      rec("registration", "D:1:child", {
        nhsNumber: ZARA_NHS,
        givenName: "Zara",
        familyName: "Hussain",
        dateOfBirth: ZARA_DOB,
        sex: "FEMALE",
      }),
    ]);
    expect(people(records)).toEqual([["maternity:BAB1", "registration:D:1:child"]]);
    expect(persons[0].person).toMatchObject({ givenName: "Zara", familyName: "Hussain", nhsNumber: ZARA_NHS });
  });

  it("links records within one agency too", () => {
    const { records } = link([
      rec("health-visiting", "7", { nhsNumber: ZARA_NHS, dateOfBirth: ZARA_DOB }),
      rec("health-visiting", "8", { nhsNumber: ZARA_NHS, dateOfBirth: ZARA_DOB }),
    ]);
    expect(people(records)).toEqual([["health-visiting:7", "health-visiting:8"]]);
  });
});

describe("rule (b): exact name, date of birth and postcode", () => {
  const amira = { givenName: "Amira", familyName: "Hussain", dateOfBirth: AMIRA_DOB, postcode: "DY1 4QT" };

  it("links after normalising case, spaces and postcode form", () => {
    const { records } = link([
      rec("maternity", "MAT1", { ...amira, nhsNumber: AMIRA_NHS }),
      rec("registration", "D:1:mother", {
        givenName: "  AMIRA ",
        familyName: "hussain",
        dateOfBirth: AMIRA_DOB,
        postcode: "dy14qt",
      }),
    ]);
    expect(people(records)).toEqual([["maternity:MAT1", "registration:D:1:mother"]]);
    expect(ruleOf(records, "registration", "D:1:mother")).toBe("NAME_DATE_OF_BIRTH_AND_POSTCODE");
  });

  it("collapses inner spaces in names", () => {
    const { records } = link([
      rec("health-visiting", "1", { ...amira, givenName: "Mary  Ann" }),
      rec("childrens-centres", "M1", { ...amira, givenName: "mary ann" }),
    ]);
    expect(people(records)).toHaveLength(1);
  });

  it("does not link a misspelt name (that is probabilistic linkage's job)", () => {
    const { records } = link([
      rec("maternity", "MAT1", amira),
      rec("childrens-centres", "M1", { ...amira, givenName: "Amirah", familyName: "Husain" }),
    ]);
    expect(people(records)).toEqual([["childrens-centres:M1"], ["maternity:MAT1"]]);
  });

  it("does not link when the postcode or date of birth differs", () => {
    const { records } = link([
      rec("maternity", "MAT1", amira),
      rec("health-visiting", "1", { ...amira, postcode: "DY1 4QU" }),
      rec("registration", "D:1:mother", { ...amira, dateOfBirth: "1994-03-13" }),
    ]);
    expect(people(records)).toHaveLength(3);
  });

  it("never links records with no given name", () => {
    const baby = { familyName: "Hussain", dateOfBirth: ZARA_DOB, postcode: "DY1 4QT" };
    const { records } = link([rec("maternity", "BAB1", baby), rec("maternity", "BAB2", baby)]);
    expect(people(records)).toEqual([["maternity:BAB1"], ["maternity:BAB2"]]);
  });
});

describe("person ids and demographics", () => {
  it("derives the id from the anchor record: the first in the fixed agency order", () => {
    const { persons } = link([
      rec("registration", "D:1:child", { nhsNumber: ZARA_NHS, dateOfBirth: ZARA_DOB }),
      rec("health-visiting", "9", { nhsNumber: ZARA_NHS, dateOfBirth: ZARA_DOB }),
      rec("health-visiting", "10", { nhsNumber: ZARA_NHS, dateOfBirth: ZARA_DOB }),
    ]);
    expect(persons).toHaveLength(1);
    expect(persons[0].person.anchor).toBe("health-visiting:10");
    expect(persons[0].person.id).toBe(personIdFor("health-visiting:10"));
    expect(persons[0].person.id).toMatch(/^P[0-9A-F]{16}$/);
  });

  it("links records of any source: the agencies first in their order, then other sources by name", () => {
    const records = [
      rec("registration", "R1"),
      { ...rec("registration", "S1"), agency: "school" },
      { ...rec("registration", "H1"), agency: "housing" },
      { ...rec("registration", "M1"), agency: "maternity" },
      { ...rec("registration", "A1"), agency: "adult-care" },
    ].map((r) => ({ ...r, nhsNumber: ZARA_NHS, dateOfBirth: ZARA_DOB, givenName: "Zara" }));
    const result = linkRecords(records.map(toLinkageRecord), DETERMINISTIC_RULES);
    expect(result.persons).toHaveLength(1);
    expect(result.persons[0].person.anchor).toBe("maternity:M1");
    expect(result.persons[0].records.map((r) => r.key)).toEqual([
      "maternity:M1",
      "registration:R1",
      "adult-care:A1",
      "housing:H1",
      "school:S1",
    ]);
    // Demographics prefer the agencies' registration first, then the other sources by name.
    const other = linkRecords(
      [
        toLinkageRecord({ ...rec("registration", "S1"), agency: "school", givenName: "Zaraa" }),
        toLinkageRecord({ ...rec("registration", "H1"), agency: "housing", givenName: "Zarah" }),
      ].map((r) => ({ ...r, validNhsNumber: ZARA_NHS, source: { ...r.source, dateOfBirth: ZARA_DOB } })),
      DETERMINISTIC_RULES,
    );
    expect(other.persons).toHaveLength(1);
    expect(other.persons[0].person.givenName).toBe("Zarah");
    expect(other.records.map((r) => r.agency).sort()).toEqual(["housing", "school"]);
  });

  it("gives the same ids whatever order the feeds arrive in", () => {
    const a = buildLinkedIndex(storyRecords(), { referenceDate: REFERENCE_DATE }).index;
    const shuffled = [...storyRecords()].reverse();
    const b = buildLinkedIndex(shuffled, { referenceDate: REFERENCE_DATE }).index;
    const ids = (i: LinkedIndex) => i.records.map((r) => `${r.agency}:${r.localId}=${r.personId}`).sort();
    expect(ids(b)).toEqual(ids(a));
    expect(b.families.map((f) => f.id)).toEqual(a.families.map((f) => f.id));
  });

  it("prefers registration, then maternity, health visiting, centres, ignoring nulls; the most frequent valid NHS number", () => {
    const { persons } = link([
      rec("childrens-centres", "M1", {
        givenName: "Zarah",
        familyName: "Hussain",
        dateOfBirth: ZARA_DOB,
        postcode: "DY1 4QT",
        sex: "FEMALE",
      }),
      rec("health-visiting", "7", {
        nhsNumber: ZARA_NHS,
        givenName: "Zarah",
        familyName: "Hussain",
        dateOfBirth: ZARA_DOB,
        postcode: "DY1 4QT",
        sex: "UNKNOWN",
      }),
      rec("maternity", "BAB1", {
        nhsNumber: ZARA_NHS,
        familyName: "HUSSAIN",
        dateOfBirth: ZARA_DOB,
        postcode: "DY1 4QT",
        sex: "UNKNOWN",
      }),
      rec("registration", "D:1:child", {
        nhsNumber: ZARA_NHS,
        givenName: "Zara",
        familyName: "Hussain",
        dateOfBirth: ZARA_DOB,
        postcode: null,
      }),
      rec("childrens-centres", "M2", {
        givenName: "Zarah",
        familyName: "Hussain",
        dateOfBirth: ZARA_DOB,
        postcode: "DY1 4QT",
      }),
    ]);
    expect(persons).toHaveLength(1);
    // Family name from registration; postcode from maternity (registration has none); sex:
    // a known one beats UNKNOWN, from the centres record.
    expect(persons[0].person).toMatchObject({
      nhsNumber: ZARA_NHS,
      givenName: "Zara",
      familyName: "Hussain",
      postcode: "DY1 4QT",
      sex: "FEMALE",
      dateOfBirth: ZARA_DOB,
    });
  });
});

describe("a person's postcode", () => {
  const zara = { nhsNumber: ZARA_NHS, givenName: "Zara", familyName: "Hussain", dateOfBirth: ZARA_DOB };
  const postcodeOf = (records: SourceRecord[]) => {
    const { persons } = link(records);
    expect(persons).toHaveLength(1);
    return persons[0].person.postcode;
  };

  it("is the one most of the person's records hold, over the register's address at registration", () => {
    expect(
      postcodeOf([
        rec("registration", "D:1:child", { ...zara, postcode: "DY1 4QT" }),
        rec("maternity", "BAB1", { ...zara, postcode: "dy2 7aa" }),
        rec("health-visiting", "7", { ...zara, postcode: "DY2 7AA" }),
      ]),
    ).toBe("DY2 7AA");
  });

  it("goes to the preferred agency's on a tie, and ignores records with none", () => {
    expect(
      postcodeOf([
        rec("childrens-centres", "M1", { ...zara, postcode: "DY2 7AA" }),
        rec("health-visiting", "7", { ...zara, postcode: "DY1 4QT" }),
        rec("maternity", "BAB1", { ...zara, postcode: null }),
      ]),
    ).toBe("DY1 4QT");
    expect(postcodeOf([rec("maternity", "BAB1", { ...zara, postcode: "" })])).toBeNull();
  });
});

describe("review decisions", () => {
  const amira = { givenName: "Amira", familyName: "Hussain", dateOfBirth: AMIRA_DOB, postcode: "DY1 4QT" };

  it("a SAME_PERSON decision links records no rule links, and says so", () => {
    const { records } = link(
      [
        rec("maternity", "MAT1", amira),
        rec("childrens-centres", "M1", { ...amira, givenName: "Amirah", familyName: "Husain" }),
      ],
      [{ a: "maternity:MAT1", b: "childrens-centres:M1", decision: "SAME_PERSON" }],
    );
    expect(people(records)).toEqual([["childrens-centres:M1", "maternity:MAT1"]]);
    expect(ruleOf(records, "childrens-centres", "M1")).toBe("REVIEWED_SAME_PERSON");
  });

  it("a NOT_SAME_PERSON decision keeps apart records a rule would link, even through a third record", () => {
    const result = link(
      [rec("maternity", "MAT1", amira), rec("health-visiting", "1", amira), rec("registration", "D:1:mother", amira)],
      [{ a: "maternity:MAT1", b: "registration:D:1:mother", decision: "NOT_SAME_PERSON" }],
    );
    const groups = people(result.records);
    expect(groups).toHaveLength(2);
    expect(groups.find((g) => g.includes("maternity:MAT1"))).not.toContain("registration:D:1:mother");
    expect(result.refused).toBe(1);
  });

  it("ignores decisions about records that are not in the feeds", () => {
    const { records } = link(
      [rec("maternity", "MAT1", amira)],
      [{ a: "maternity:MAT1", b: "maternity:GONE", decision: "SAME_PERSON" }],
    );
    expect(people(records)).toEqual([["maternity:MAT1"]]);
  });
});
