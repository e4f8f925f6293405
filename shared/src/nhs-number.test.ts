import { formatNhsNumber, isValidNhsNumber, nhsCheckDigit, nhsNumberProblem } from "./nhs-number";

describe("NHS number Modulus 11", () => {
  it.each(["9434765919", "943 476 5919", "4010232137"])("accepts %s", (n) => {
    expect(isValidNhsNumber(n)).toBe(true);
    expect(nhsNumberProblem(n)).toBeNull();
  });

  it.each([
    ["9434765918", "check digit"],
    ["943476591", "10 digits"],
    ["94347659A9", "only digits"],
  ])("rejects %s and says why (%s)", (n, why) => {
    expect(isValidNhsNumber(n)).toBe(false);
    expect(nhsNumberProblem(n)).toContain(why);
    // The number is personal data even when mistyped: never quoted back.
    expect(nhsNumberProblem(n)).not.toContain(n);
  });

  it("never issues a number whose check would be 10", () => {
    // 1000000001: sum = 10*1 + 2*... choose nine digits whose remainder is 1
    const nine = "000000006"; // 6*2 = 12, 12 % 11 = 1, 11 - 1 = 10
    expect(nhsCheckDigit(nine)).toBeNull();
  });

  it("formats 3-3-4", () => {
    expect(formatNhsNumber("9434765919")).toBe("943 476 5919");
  });
});
