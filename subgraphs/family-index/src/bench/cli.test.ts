import { misspell, parseBenchArgs } from "./cli";

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
