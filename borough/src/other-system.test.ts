import { generateBorough } from "./generate";
import { OTHER_SYSTEM_RATES, otherSystemExtract, postcodeTypo } from "./other-system";
import { Rng } from "./random";

const truth = generateBorough({ seed: 3, referenceDate: "2025-06-01", families: 400, noise: "default" }).truth;

describe("another system's noise profile", () => {
  const { records, applied } = otherSystemExtract(truth, 3);

  it("keeps every record, its source, local id and true person, and gives the same output for the same seed", () => {
    expect(records.map((r) => [r.source, r.localId, r.personId])).toEqual(
      truth.map((t) => [t.source, t.localId, t.personId]),
    );
    expect(otherSystemExtract(truth, 3).records).toEqual(records);
    expect(otherSystemExtract(truth, 4).records).not.toEqual(records);
  });

  it("applies each kind near its documented rate, measured again from the records", () => {
    const n = truth.length;
    const near = (count: number, rate: number, of = n) => {
      expect(count / of).toBeGreaterThan(rate * 0.6);
      expect(count / of).toBeLessThan(rate * 1.4 + 0.005);
    };
    const both = truth.filter((t) => t.givenName && t.familyName && t.givenName !== t.familyName);
    // A transposed record holds the given name as its family name (a family name may have been
    // capitalised or slipped before, and either name lost after).
    const transposed = records.filter(
      (r, i) => truth[i].givenName && truth[i].givenName !== truth[i].familyName && r.familyName === truth[i].givenName,
    ).length;
    expect(transposed).toBeLessThanOrEqual(applied.namesTransposed);
    expect(transposed).toBeGreaterThan(applied.namesTransposed * 0.9);
    near(applied.namesTransposed, OTHER_SYSTEM_RATES.namesTransposed, both.length);
    const withPostcode = truth.filter((t) => t.postcode !== null).length;
    near(applied.postcodeMissing, OTHER_SYSTEM_RATES.postcodeMissing, withPostcode);
    near(
      records.filter((r, i) => r.postcode !== null && r.postcode !== truth[i].postcode).length,
      OTHER_SYSTEM_RATES.postcodeTypo,
      withPostcode,
    );
    near(applied.dobMissing, OTHER_SYSTEM_RATES.dobMissing, truth.filter((t) => t.dateOfBirth).length);
    const held = truth.filter((t) => t.nhsNumber !== null).length;
    near(records.filter((r) => r.nhsNumber !== null).length, OTHER_SYSTEM_RATES.nhsHeld, held);
    expect(records.filter((r) => r.familyName !== null && /^[A-Z' -]+$/.test(r.familyName)).length).toBeGreaterThan(
      n * OTHER_SYSTEM_RATES.familyCapitals * 0.6,
    );
  });

  it("keys a postcode typo as one character of its kind, the space kept", () => {
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const typo = postcodeTypo("DY1 4QT", rng);
      expect(typo).toMatch(/^[A-Z]{2}\d \d[A-Z]{2}$/);
      expect([...typo].filter((c, j) => c !== "DY1 4QT"[j])).toHaveLength(1);
    }
  });
});
