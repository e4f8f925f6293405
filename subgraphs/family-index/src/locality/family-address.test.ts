import { familyPostcode } from "./family-address";

describe("a family's address: the rule Family.locality follows", () => {
  it("is the postcode most of its members hold", () => {
    expect(
      familyPostcode([
        { relationship: "MOTHER", postcode: "DY1 4QT" },
        { relationship: "CHILD", postcode: "DY5 3RB" },
        { relationship: "CHILD", postcode: "DY5 3RB" },
      ]),
    ).toBe("DY5 3RB");
  });

  it("breaks a tie by relationship: mother, father, second parent, carer, then child", () => {
    const tied = (a: string, b: string) =>
      familyPostcode([
        { relationship: b, postcode: "DY8 2LW" },
        { relationship: a, postcode: "DY2 8NS" },
      ]);
    expect(tied("MOTHER", "FATHER")).toBe("DY2 8NS");
    expect(tied("FATHER", "SECOND_PARENT")).toBe("DY2 8NS");
    expect(tied("SECOND_PARENT", "CARER")).toBe("DY2 8NS");
    expect(tied("CARER", "CHILD")).toBe("DY2 8NS");
    // The order the members come in does not matter.
    expect(tied("CHILD", "MOTHER")).toBe("DY8 2LW");
  });

  it("counts before it ranks: two children outvote their mother", () => {
    expect(
      familyPostcode([
        { relationship: "CHILD", postcode: "DY4 7PJ" },
        { relationship: "MOTHER", postcode: "DY1 4QT" },
        { relationship: "CHILD", postcode: "DY4 7PJ" },
        { relationship: "FATHER", postcode: "DY8 2LW" },
      ]),
    ).toBe("DY4 7PJ");
  });

  it("breaks a tie between members of the same relationship alphabetically, whatever their order", () => {
    const children = [
      { relationship: "CHILD", postcode: "DY5 3RB" },
      { relationship: "CHILD", postcode: "DY1 4QT" },
    ];
    expect(familyPostcode(children)).toBe("DY1 4QT");
    expect(familyPostcode([...children].reverse())).toBe("DY1 4QT");
  });

  it("leaves out members with no postcode, and has none when no member has one", () => {
    expect(
      familyPostcode([
        { relationship: "MOTHER", postcode: null },
        { relationship: "CHILD", postcode: "DY3 1AA" },
      ]),
    ).toBe("DY3 1AA");
    expect(familyPostcode([{ relationship: "MOTHER", postcode: null }])).toBeNull();
    expect(familyPostcode([])).toBeNull();
  });
});
