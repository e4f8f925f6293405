import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AGENCIES, openPglite } from "@ffd/shared";
import { parseCommand, runCli, UsageError } from "./cli";
import { TRUTH_CSV_HEADER } from "./truth";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe("borough CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "borough-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("parses options, with today as the default reference date", () => {
    expect(parseCommand([], "2025-06-01")).toEqual({
      options: { seed: 1, referenceDate: "2025-06-01", families: 2000, noise: "default" },
      truthFile: null,
      sqlDir: null,
      help: false,
    });
    expect(
      parseCommand([
        "--families",
        "10",
        "--seed=-3",
        "--reference-date",
        "2024-02-29",
        "--noise",
        "hard",
        "--truth",
        "t.csv",
        "--sql",
        "out",
      ]).options,
    ).toEqual({
      seed: -3,
      referenceDate: "2024-02-29",
      families: 10,
      noise: "hard",
    });
  });

  it("names every usage problem", () => {
    expect(() => parseCommand(["--families", "ten", "--reference-date", "2025-13-01", "--noise", "loud"])).toThrow(
      UsageError,
    );
    try {
      parseCommand(["--families", "ten", "--reference-date", "2025-13-01", "--noise", "loud"]);
    } catch (e) {
      expect((e as Error).message.split("\n")).toEqual([
        '--families must be a whole number from 0 to 1000000, not "ten"',
        '--reference-date must be a date as YYYY-MM-DD, not "2025-13-01"',
        '--noise must be "default" or "hard", not "loud"',
      ]);
    }
    expect(() => parseCommand(["--bogus"])).toThrow(UsageError);
    expect(() => parseCommand(["stray"])).toThrow(UsageError);
  });

  it("exits 2 with usage for bad arguments, and when no database is named and no --sql given", async () => {
    const a = capture();
    expect(await runCli(["--families=-1"], {}, a.io)).toBe(2);
    expect(a.err.join("\n")).toMatch(/--families must be a whole number[\s\S]*Usage:/);
    const b = capture();
    expect(await runCli(["--families", "5"], {}, b.io)).toBe(2);
    expect(b.err.join("\n")).toContain(
      "none of MATERNITY_DATABASE_URL, HEALTH_VISITING_DATABASE_URL, CHILDRENS_CENTRES_DATABASE_URL, REGISTRATION_DATABASE_URL, CHILDRENS_SOCIAL_CARE_DATABASE_URL is set",
    );
    const c = capture();
    expect(await runCli(["--families", "5"], { MATERNITY_DATABASE_URL: "mysql://x" }, c.io)).toBe(78);
    expect(c.err.join("\n")).toContain("MATERNITY_DATABASE_URL: must be a postgres:// connection string");
  });

  it("writes one SQL file per agency that a fresh database can run, and the truth CSV", async () => {
    const out = capture();
    const truth = join(dir, "truth.csv");
    expect(
      await runCli(
        [
          "--families",
          "30",
          "--seed",
          "9",
          "--reference-date",
          "2025-06-01",
          "--sql",
          join(dir, "sql"),
          "--truth",
          truth,
        ],
        {},
        out.io,
      ),
    ).toBe(0);
    expect(out.err).toEqual([]);
    for (const agency of AGENCIES) {
      const sql = readFileSync(join(dir, "sql", `${agency}.sql`), "utf8");
      const db = await openPglite();
      try {
        await db.exec(sql);
        await db.exec(sql); // drops and recreates: runs twice
        const tables = sql.match(/^CREATE TABLE (\w+)/gm)!.map((l) => l.split(" ")[2]);
        for (const t of tables) {
          const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
          expect(n).toBeGreaterThan(0);
        }
      } finally {
        await db.close();
      }
    }
    const csv = readFileSync(truth, "utf8").split("\r\n");
    expect(csv[0]).toBe(TRUTH_CSV_HEADER);
    expect(csv).toContain("maternity,MAT1000001,Amira,Hussain,1994-03-12,F,DY1 4QT,4857773457,STORY-HUSSAIN-AMIRA");
    // A fresh embedded PostgreSQL per agency, each file run twice: on a loaded two-core machine, over a minute.
  }, 180_000);
});
