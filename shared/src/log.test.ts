import { errorFields } from "./log";

describe("errorFields", () => {
  it("keeps no line of a message that spans lines (V8's JSON.parse error quotes its input across lines)", () => {
    const marker = "Zq7Marker";
    const err = new SyntaxError(
      `Unexpected token in JSON\n${marker}1 "nhsNumber": "9434765919"\n${marker}2 Amira\n  ${marker}3`,
    );
    const fields = errorFields(err);
    expect(fields.errorName).toBe("SyntaxError");
    expect(JSON.stringify(fields)).not.toContain(marker);
    expect(fields.stack).toMatch(/^\s+at /);
  });

  it("keeps at most five stack frames", () => {
    const err = new Error("one line");
    err.stack = ["Error: one line", ...Array.from({ length: 9 }, (_, i) => `    at frame${i} (file.js:1:1)`)].join(
      "\n",
    );
    expect(String(errorFields(err).stack).split("\n")).toEqual(
      [0, 1, 2, 3, 4].map((i) => `    at frame${i} (file.js:1:1)`),
    );
  });

  it("keeps no stack line at all when an error has no frames", () => {
    const err = new Error("first\nZq7Marker second");
    err.stack = "Error: first\nZq7Marker second";
    expect(JSON.stringify(errorFields(err))).not.toContain("Zq7Marker");
  });
});
