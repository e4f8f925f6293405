import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AGENCIES, isValidNhsNumber, type Agency } from "@ffd/shared";
import { generateAgencyDatabase, generateBorough, generateBoroughDetailed } from "./generate";
import { STORY_FAMILIES } from "./stories";
import type { BoroughOptions } from "./types";

const OPTIONS: BoroughOptions = { seed: 42, referenceDate: "2025-06-01", families: 300, noise: "default" };

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

describe("generateBorough", () => {
  it("is deterministic: the same options give identical databases and truth", () => {
    const a = generateBorough(OPTIONS);
    const b = generateBorough({ ...OPTIONS });
    expect(digest(a.databases)).toBe(digest(b.databases));
    expect(digest(a.truth)).toBe(digest(b.truth));
  });

  it.each(["default", "hard"] as const)(
    "gives each agency's system alone exactly as in the whole borough (%s noise)",
    (noise) => {
      const whole = generateBorough({ ...OPTIONS, noise });
      for (const agency of AGENCIES)
        expect(digest(generateAgencyDatabase({ ...OPTIONS, noise }, agency))).toBe(digest(whole.databases[agency]));
    },
  );

  it("gives a different borough for a different seed, reference date or noise level", () => {
    const base = digest(generateBorough(OPTIONS));
    expect(digest(generateBorough({ ...OPTIONS, seed: 43 }))).not.toBe(base);
    expect(digest(generateBorough({ ...OPTIONS, referenceDate: "2025-06-02" }))).not.toBe(base);
    expect(digest(generateBorough({ ...OPTIONS, noise: "hard" }))).not.toBe(base);
  });

  it("keeps the first families the same when the borough grows (each family has its own random stream)", () => {
    const small = generateBoroughDetailed({ ...OPTIONS, families: 50 });
    const large = generateBoroughDetailed({ ...OPTIONS, families: 120 });
    const describe = (f: (typeof small.families)[number]) =>
      [
        f.id,
        f.mother.given,
        f.mother.surname,
        f.mother.dob,
        f.address.postcode,
        ...f.children.map((c) => `${c.given} ${c.surname} ${c.dob}`),
      ].join("|");
    expect(large.families.slice(0, 50).map(describe)).toEqual(small.families.map(describe));
  });

  it("counts the story families among the families, and always includes them", () => {
    expect(generateBoroughDetailed({ ...OPTIONS, families: 300 }).families).toHaveLength(300);
    const tiny = generateBoroughDetailed({ ...OPTIONS, families: 0 });
    expect(tiny.families.map((f) => f.id)).toEqual(STORY_FAMILIES.map((s) => s.familyId));
  });

  it("refuses invalid options with every problem named", () => {
    expect(() => generateBorough({ ...OPTIONS, seed: 1.5 })).toThrow(/seed must be an integer/);
    expect(() => generateBorough({ ...OPTIONS, families: -1 })).toThrow(/families must be a whole number/);
    expect(() => generateBorough({ ...OPTIONS, referenceDate: "2025-02-30" })).toThrow(/referenceDate/);
    expect(() => generateBorough({ ...OPTIONS, noise: "loud" as never })).toThrow(/noise must be/);
  });

  it("builds every agency's tables with rows as wide as their columns, and unique primary keys", () => {
    const b = generateBorough(OPTIONS);
    for (const agency of AGENCIES) {
      const db = b.databases[agency];
      expect(db.agency).toBe(agency);
      for (const t of db.tables) {
        expect(t.rows.length).toBeGreaterThan(0);
        for (const r of t.rows) expect(r).toHaveLength(t.columns.length);
        const key = (r: unknown[]) =>
          t.table === "ron_birth_reg"
            ? `${r[0]}:${r[1]}`
            : t.table === "cc_attendance" || t.table === "hv_family_rel" || t.table === "csc_cp_review"
              ? `${r[0]}:${r[1]}`
              : String(r[0]);
        expect(new Set(t.rows.map(key)).size).toBe(t.rows.length);
      }
    }
  });

  it("publishes one truth record per agency record of a person, and no person ids in any database", () => {
    const b = generateBorough(OPTIONS);
    const count = (agency: Agency, table: string) =>
      b.databases[agency].tables.find((t) => t.table === table)!.rows.length;
    const bySource = (s: string) => b.truth.filter((t) => t.source === s).length;
    expect(bySource("maternity")).toBe(
      count("maternity", "msd001_mother_demog") + count("maternity", "msd401_baby_demog"),
    );
    expect(bySource("health-visiting")).toBe(count("health-visiting", "hv_patient"));
    expect(bySource("childrens-centres")).toBe(count("childrens-centres", "cc_member"));
    const reg = b.databases.registration.tables[0].rows;
    const p2 = reg.filter((r) => r[16] !== null).length;
    expect(bySource("registration")).toBe(reg.length * 2 + p2);
    expect(new Set(b.truth.map((t) => `${t.source}|${t.localId}`)).size).toBe(b.truth.length);
    const json = JSON.stringify(b.databases);
    expect(json).not.toMatch(/STORY-|"P\d{6}-\d+"|"F\d{6}"/);
  });

  it("gives every person one valid NHS number, the same wherever it is held", () => {
    const g = generateBoroughDetailed(OPTIONS);
    const seen = new Map<string, string>();
    for (const id of g.identities.values()) {
      expect(isValidNhsNumber(id.nhsNumber)).toBe(true);
      expect(seen.has(id.nhsNumber)).toBe(false);
      seen.set(id.nhsNumber, id.personId);
    }
    for (const t of g.borough.truth) {
      if (t.nhsNumber === null) continue;
      expect(isValidNhsNumber(t.nhsNumber)).toBe(true);
      expect(seen.get(t.nhsNumber)).toBe(t.personId);
    }
  });

  it("never reads the clock or Math.random", () => {
    const dir = __dirname;
    const files = [...readdirSync(dir), ...readdirSync(join(dir, "build")).map((f) => join("build", f))].filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "cli.ts" && f !== "database.ts",
    );
    for (const f of files) {
      const src = readFileSync(join(dir, f), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect({ f, random: /\bM(ath)?\.random|Date\.now|new Date\(/.test(src) }).toEqual({ f, random: false });
    }
  });
});
