import fc from "fast-check";
import talismanJaroWinkler from "talisman/metrics/jaro-winkler";
import { jaroWinkler } from "./jaro-winkler";

describe("jaroWinkler", () => {
  it("gives the textbook figures", () => {
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler("dwayne", "duane")).toBeCloseTo(0.84, 4);
    expect(jaroWinkler("dixon", "dicksonx")).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler("hussain", "hussain")).toBe(1);
    expect(jaroWinkler("", "amira")).toBe(0);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
  });

  it("agrees with talisman's on any pair of names, long ones included", () => {
    const name = fc.oneof(
      fc.string({ unit: fc.constantFrom(..."abcdehilmnorsu"), maxLength: 12 }),
      fc.string({ unit: fc.constantFrom(..."aeinrst-' "), minLength: 60, maxLength: 140 }),
    );
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(jaroWinkler(a, b)).toBeCloseTo(talismanJaroWinkler(a, b), 12);
      }),
      { numRuns: 3000 },
    );
  });
});
