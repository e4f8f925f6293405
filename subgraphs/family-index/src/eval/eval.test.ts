import { runEval } from "./cli";
import { evaluate } from "./evaluate";
import { LABELLED_CSV_COLUMNS, LABELLED_CSV_HEADER, parseLabelledCsv } from "./labelled";
import { pairwiseMetrics } from "./metrics";
import { featuresOf, isUkShapedPostcode } from "../linkage/compare";
import { toLinkageRecord } from "../linkage/normalise";
import { blockingComparer, blockingRecall, MISTAKES_CSV_HEADER, thresholdCurve } from "./mistakes";
import { PREDICTION_BLOCKING } from "../linkage/blocking";

/**
 * A hand-written labelled file (13 records, 6 people) whose result is known pair by pair:
 * - Amira (4 records): NHS number + date of birth (maternity, health visiting), exact name, date
 *   of birth and postcode (registration), and the centres' "Amirah Husain" probabilistically: 6 pairs found;
 * - Zara (3 records): NHS number (maternity baby with no forename, registration) and exact
 *   demographics (centres): 3 pairs found;
 * - Grace Bell (2): same names and date of birth, she moved (postcode differs): linked, 1 pair;
 * - Shanice (2): maiden name and old postcode on the register: left for review, 1 pair missed;
 * - Tom and Tim Reid, twins in the centres with no NHS numbers: names sound alike (Double
 *   Metaphone TM), same date of birth, surname and postcode: wrongly linked, 1 false pair.
 * True pairs 11, predicted 11, correct 10: precision = recall = 10/11.
 */
const CSV = [
  LABELLED_CSV_HEADER,
  "maternity,MAT1,Amira,Hussain,1994-03-12,F,DY1 4QT,9434765919,amira",
  "health-visiting,1,Amira,Hussain,1994-03-12,F,dy14qt,9434765919,amira",
  "childrens-centres,M1,Amirah,Husain,1994-03-12,F,DY1 4QT,,amira",
  "registration,D:1:mother,Amira,Hussain,1994-03-12,F,DY1 4QT,,amira",
  "maternity,BAB1,,Hussain,2025-04-17,F,DY1 4QT,4857773457,zara",
  "registration,D:1:child,Zara Noor,Hussain,2025-04-17,F,DY1 4QT,4857773457,zara",
  "childrens-centres,M2,Zara,Hussain,2025-04-17,F,DY1 4QT,,zara",
  "maternity,MAT2,Grace,Bell,2000-01-01,F,DY8 2LW,7084159223,grace",
  'childrens-centres,M3,Grace,"Bell",2000-01-01,F,DY5 3RB,,grace',
  "maternity,MAT3,Shanice,Campbell,1987-11-23,F,DY5 3RB,6324491013,shanice",
  "registration,D:2:mother,Shanice,Grant,1987-11-23,F,DY3 1AA,,shanice",
  "childrens-centres,M4,Tom,Reid,2021-06-05,M,DY8 2LW,,tom",
  "childrens-centres,M5,Tim,Reid,2021-06-05,M,DY8 2LW,,tim",
].join("\r\n");

/** Runs the CLI with files in memory: what it printed, its exit code and the files it wrote. */
function run(args: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const code = runEval(args, {
    out: (l) => out.push(...l.split("\n")),
    err: (l) => err.push(...l.split("\n")),
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error("missing"), { code: "ENOENT" });
      return files[path];
    },
    writeFile: (path, text) => {
      if (path.startsWith("/nowhere/")) throw Object.assign(new Error("missing"), { code: "ENOENT" });
      written[path] = text;
    },
  });
  return { code, out, err, written };
}

describe("pairwise metrics", () => {
  it("counts pairs from cluster sizes", () => {
    // truth {a,b,c} {d}; predicted {a,b} {c,d}: true 3, predicted 2, correct 1
    expect(pairwiseMetrics(["1", "1", "2", "2"], ["x", "x", "x", "y"])).toEqual({
      precision: 0.5,
      recall: 1 / 3,
      f1: (2 * 0.5 * (1 / 3)) / (0.5 + 1 / 3),
      truePairs: 3,
      predictedPairs: 2,
      truePositivePairs: 1,
    });
  });
});

describe("evaluation of a labelled file", () => {
  it("gives the exact precision and recall of the hand-written file", () => {
    const e = evaluate(parseLabelledCsv(CSV));
    expect(e).toMatchObject({ records: 13, truePairs: 11, predictedPairs: 11, truePositivePairs: 10 });
    expect(e.precision).toBeCloseTo(10 / 11, 10);
    expect(e.recall).toBeCloseTo(10 / 11, 10);
    expect(e.f1).toBeCloseTo(10 / 11, 10);
    // Shanice's register entry is offered for review against her maternity record.
    expect(e.result.candidates.map((c) => [c.a, c.b].sort().join(" "))).toContain(
      "maternity:MAT3 registration:D:2:mother",
    );
  });

  it("--csv --json ends with exactly one JSON object for the file", () => {
    const { code, out } = run(["--csv", "labelled.csv", "--json"], { "labelled.csv": CSV });
    expect(code).toBe(0);
    const last = JSON.parse(out[out.length - 1]);
    expect(Object.keys(last)).toEqual(["file"]);
    expect(last.file).toMatchObject({ precision: 0.90909, recall: 0.90909, f1: 0.90909 });
    expect(Object.keys(last.file)).toEqual(["precision", "recall", "f1", "recordsPerSecond", "blockingRecall"]);
    // Every true pair of the file shares a blocking key (see the blocking recall test).
    expect(last.file.blockingRecall).toBe(1);
    expect(last.file.recordsPerSecond).toBeGreaterThan(0);
  });

  it("--json over generated boroughs ends with {default, hard, other}", () => {
    const { code, out } = run(["--families", "20", "--json"]);
    expect(code).toBe(0);
    const last = JSON.parse(out[out.length - 1]);
    expect(Object.keys(last)).toEqual(["default", "hard", "other"]);
    for (const k of ["default", "hard", "other"]) {
      expect(Object.keys(last[k])).toEqual(["precision", "recall", "f1", "recordsPerSecond", "blockingRecall"]);
      // Another system's records share fewer blocking keys (transposed names, postcode typos): issue 12.
      expect(last[k].blockingRecall).toBeGreaterThan(k === "other" ? 0.5 : 0.9);
      expect(last[k].blockingRecall).toBeLessThanOrEqual(1);
      // Another system's profile is what the linkage does not hold on yet (issue 12): measured, not held to 0.9.
      expect(last[k].precision).toBeGreaterThan(k === "other" ? 0 : 0.9);
      expect(last[k].f1).toBeLessThanOrEqual(1);
    }
  });

  it("explains a bad file: missing header, bad rows with their line numbers, unreadable file", () => {
    const bad = (text: string) => run(["--csv", "f.csv"], { "f.csv": text });
    expect(bad("maternity,MAT1,Amira,Hussain,1994-03-12,F,DY1 4QT,,a\n")).toMatchObject({
      code: 1,
      err: [
        `linkage:eval: f.csv: line 1: expected a header line naming the columns (${LABELLED_CSV_COLUMNS}); found maternity,MAT1,Amira,Hussain,1994-03-12,F,DY1 4QT,,a`,
      ],
    });
    expect(bad("")).toMatchObject({ code: 1, err: [expect.stringContaining("the file is empty")] });
    const rows = (row: string) =>
      `${LABELLED_CSV_HEADER}\nmaternity,MAT1,Amira,Hussain,1994-03-12,F,DY1 4QT,,a\n${row}\n`;
    expect(bad(rows("maternity,MAT2,Amira,Hussain,12/03/1994,F,DY1 4QT,,a")).err).toEqual([
      'linkage:eval: f.csv: line 3: date_of_birth must be YYYY-MM-DD (found "12/03/1994")',
    ]);
    expect(bad(rows("maternity,MAT2,Amira")).err).toEqual(["linkage:eval: f.csv: line 3: expected 9 fields, found 3"]);
    expect(bad(rows("maternity,MAT2,Amira,Hussain,1994-03-12,F,DY1 4QT,,")).err).toEqual([
      "linkage:eval: f.csv: line 3: cluster_id is empty",
    ]);
    // Any source name, but none that would make "<source>:<local_id>" ambiguous.
    expect(bad(rows("social-care,S1,Amira,Hussain,1994-03-12,F,DY1 4QT,,a")).code).toBe(0);
    expect(bad(rows("social:care,S1,Amira,Hussain,1994-03-12,F,DY1 4QT,,a")).err).toEqual([
      'linkage:eval: f.csv: line 3: source must not hold ":" or white space (records are keyed "<source>:<local_id>"; found "social:care")',
    ]);
    expect(bad(rows("social care,S1,Amira,Hussain,1994-03-12,F,DY1 4QT,,a")).err).toEqual([
      'linkage:eval: f.csv: line 3: source must not hold ":" or white space (records are keyed "<source>:<local_id>"; found "social care")',
    ]);
    expect(bad(rows(",S1,Amira,Hussain,1994-03-12,F,DY1 4QT,,a")).err).toEqual([
      "linkage:eval: f.csv: line 3: source is empty",
    ]);
    expect(bad(rows("maternity,MAT1,Amira,Hussain,1994-03-12,X,DY1 4QT,,a")).err).toEqual([
      'linkage:eval: f.csv: line 3: sex must be F, M, U or empty (found "X")',
    ]);
    expect(bad(rows("maternity,MAT1,Amira,Hussain,1994-03-12,F,DY1 4QT,,a")).err).toEqual([
      "linkage:eval: f.csv: line 3: maternity record MAT1 appears twice",
    ]);
    expect(run(["--csv", "nowhere.csv"]).err).toEqual(["linkage:eval: cannot read nowhere.csv: ENOENT"]);
    expect(run(["--threshold", "1"])).toMatchObject({
      code: 2,
      err: expect.arrayContaining(["linkage:eval: --threshold must be a probability above 0 and below 1, e.g. 0.99"]),
    });
    expect(run(["--threshold", "high"]).code).toBe(2);
    expect(run(["--csv", "labelled.csv", "--mistakes", "/nowhere/m.csv"], { "labelled.csv": CSV })).toMatchObject({
      code: 1,
      err: ["linkage:eval: cannot write /nowhere/m.csv: ENOENT"],
    });
    expect(run(["--families", "many"])).toMatchObject({
      code: 2,
      err: expect.arrayContaining(["linkage:eval: --families must be a whole number >= 0"]),
    });
  });
});

describe("what the evaluation shows beyond one F1", () => {
  const labelled = parseLabelledCsv(CSV);

  it("blocking recall: the share of true pairs sharing a blocking key, a pair sharing none counted as never compared", () => {
    expect(blockingRecall(labelled)).toEqual({ truePairs: 11, compared: 11, recall: 1 });
    const amira = (row: string) =>
      parseLabelledCsv(
        [LABELLED_CSV_HEADER, "maternity,MAT1,Amira,Hussain,1994-03-12,F,DY1 4QT,,amira", row].join("\n"),
      );
    // Given and family name transposed: both names in either order, with the year of birth.
    expect(blockingRecall(amira("childrens-centres,M1,Hussain,Amira,1994-03-12,F,B1 1AA,,amira")).compared).toBe(1);
    // A nickname, no date of birth, at the same address: the family name and the postcode.
    expect(blockingRecall(amira("childrens-centres,M1,Mira,Husain,,F,DY1 4QT,,amira")).compared).toBe(1);
    // Married, moved, and a date of birth typo: no rule's key in common.
    expect(blockingRecall(amira("childrens-centres,M1,Amira,Khan,1994-03-21,F,B1 1AA,,amira"))).toEqual({
      truePairs: 1,
      compared: 0,
      recall: 0,
    });
  });

  it("each pass for a record lacking a field finds a pair no other pass finds", () => {
    const amira = "maternity,MAT1,Amira,Hussain,1994-03-12,F,DY1 4QT,,amira";
    const zara = "maternity,BAB1,,Hussain,2025-04-17,F,DY1 4QT,,zara";
    const cases: [rule: string, a: string, b: string][] = [
      // No date of birth and moved house (another district), names the other way round.
      [
        "nameMetaphonesUnordered, one without dateOfBirth",
        amira,
        "childrens-centres,M1,Hussain,Amira,,F,B1 1AA,,amira",
      ],
      // A short form of the forename, no date of birth, moved house.
      [
        "familyMetaphone+givenInitial, one without dateOfBirth",
        amira,
        "childrens-centres,M1,Ami,Hussain,,F,B1 1AA,,amira",
      ],
      // A baby booked without a forename, registered under the other parent's surname elsewhere.
      ["dateOfBirth+sex, one without givenName", zara, "registration,D:1:child,Zara,Ahmed,2025-04-17,F,DY8 2LW,,zara"],
      // A baby booked without a forename or a date of birth, registered under another surname at the same address.
      [
        "postcode+sex, one without givenName and dateOfBirth",
        "maternity,BAB1,,Hussain,,F,DY1 4QT,,zara",
        "registration,D:1:child,Zara,Ahmed,2025-04-17,F,DY1 4QT,,zara",
      ],
    ];
    for (const [name, a, b] of cases) {
      const features = parseLabelledCsv([LABELLED_CSV_HEADER, a, b].join("\n")).map((l) =>
        featuresOf(toLinkageRecord(l.record)),
      );
      const rule = PREDICTION_BLOCKING.find((r) => r.name === name);
      expect(rule).toBeDefined();
      expect(blockingComparer(features)(0, 1)).toBe(true);
      expect(blockingComparer(features, [rule!])(0, 1)).toBe(true);
      expect(
        blockingComparer(
          features,
          PREDICTION_BLOCKING.filter((r) => r !== rule),
        )(0, 1),
      ).toBe(false);
    }
  });

  it("the curve: the run's figures at its threshold, fewer links and more to review as the threshold rises", () => {
    const e = evaluate(labelled);
    const curve = thresholdCurve(labelled, e.result.model!);
    expect(curve.map((p) => p.threshold)).toEqual([0.5, 0.8, 0.9, 0.95, 0.99, 0.999]);
    const atDefault = curve.find((p) => p.threshold === 0.99)!;
    expect(atDefault).toMatchObject({
      truePairs: e.truePairs,
      predictedPairs: e.predictedPairs,
      truePositivePairs: e.truePositivePairs,
      reviewPairs: e.candidates,
    });
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i].predictedPairs).toBeLessThanOrEqual(curve[i - 1].predictedPairs);
      expect(curve[i].reviewPairs).toBeGreaterThanOrEqual(curve[i - 1].reviewPairs);
    }
    // At 0.5 nothing is left between the review and the link threshold.
    expect(curve[0].reviewPairs).toBe(0);
  });

  it("--mistakes writes every false link and missed pair with both records and each field's evidence", () => {
    const { code, out, written } = run(["--csv", "labelled.csv", "--mistakes", "m.csv"], { "labelled.csv": CSV });
    expect(code).toBe(0);
    expect(out).toContain("2 mistakes (false links and missed pairs) written to m.csv");
    const [header, ...rows] = written["m.csv"].trimEnd().split("\n");
    expect(header).toBe(MISTAKES_CSV_HEADER);
    const parsed = rows.map((r) => Object.fromEntries(header.split(",").map((h, i) => [h, r.split(",")[i]])));
    expect(parsed).toEqual([
      expect.objectContaining({
        profile: "file",
        kind: "false-link",
        compared_by_blocking: "true",
        a_local_id: "M4",
        b_local_id: "M5",
        a_given_name: "Tom",
        b_given_name: "Tim",
        dateOfBirth_level: "EXACT",
        nhsNumber_level: "",
      }),
      expect.objectContaining({
        profile: "file",
        kind: "missed",
        compared_by_blocking: "true",
        a_source: "maternity",
        a_local_id: "MAT3",
        b_source: "registration",
        b_local_id: "D:2:mother",
        a_family_name: "Campbell",
        b_family_name: "Grant",
        dateOfBirth_level: "EXACT",
      }),
    ]);
    // The missed pair was offered for review: its probability is between the thresholds.
    expect(Number(parsed[1].probability)).toBeGreaterThanOrEqual(0.5);
    expect(Number(parsed[1].probability)).toBeLessThan(0.99);
  });

  it("counts the postcodes that are not UK-shaped, and gives them no sector or district to share", () => {
    const file = [
      LABELLED_CSV_HEADER,
      "maternity,MAT1,Amira,Hussain,1994-03-12,F,DY1 4QT,,amira",
      "childrens-centres,M1,Marie,Dupont,1990-01-01,F,75011,,marie",
      "childrens-centres,M2,Jean,Martin,1991-02-02,M,75012,,jean",
      "registration,R1,Jean,Martin,1991-02-02,M,,,jean",
    ].join("\n");
    const { out } = run(["--csv", "f.csv"], { "f.csv": file });
    expect(out).toContain("  postcodes: 3 held, 2 not UK-shaped (compared whole: no sector or district)");
    const [, marie, jean] = parseLabelledCsv(file).map((l) => featuresOf(toLinkageRecord(l.record)));
    expect(marie).toMatchObject({ postcode: "75 011", sector: null, district: null });
    // Before, both were in "district" 75 (and sector "75 0"): a key every Paris record would share.
    expect(jean.district).toBeNull();
    expect(isUkShapedPostcode("DY1 4QT")).toBe(true);
    expect(isUkShapedPostcode("SW1A 2AA")).toBe(true);
    expect(isUkShapedPostcode("B1 1AA")).toBe(true);
    expect(isUkShapedPostcode("1012 AB")).toBe(false);
  });

  it("--threshold moves the cut: at 0.5 the pair left for review is linked", () => {
    const at = (t: string) =>
      JSON.parse(run(["--csv", "labelled.csv", "--threshold", t, "--json"], { "labelled.csv": CSV }).out.pop()!).file;
    expect(at("0.99").recall).toBeCloseTo(10 / 11, 5);
    expect(at("0.5").recall).toBe(1);
  });
});

/**
 * A council's own file: sources that are not agencies, columns in another order, address lines,
 * a town and other identifiers.
 * - Amira (3 records, three sources none an agency): linked by name, date of birth and postcode
 *   (school, housing) and the GP's "Amirah Husain" at the same address with the same UPN;
 * - Beth Jones, once Elizabeth Clark (2): a short form, a new surname and a date of birth keyed
 *   wrong; only the address is shared (the address blocking pass), linked on it and her UPN;
 * - Tom and Tim Reid, twins at one address: linked wrongly, though their UPNs differ.
 */
const COUNCIL_CSV = [
  "cluster_id,source,local_id,family_name,given_name,date_of_birth,address_1,address_2,town,postcode,id_upn",
  "amira,school,S1,Hussain,Amira,1994-03-12,12 Market Street,,Brindleford,DY1 4QT,A100",
  "amira,housing,H1,Hussain,Amira,1994-03-12,12 Market St,,,DY1 4QT,",
  "amira,gp,G1,Husain,Amirah,1994-03-12,12 Market Street,,BRINDLEFORD,DY1 4QT,A100",
  "beth,school,S2,Clark,Elizabeth,1990-05-14,Flat 3,Oak House,Netherby,DY3 2AB,B200",
  "beth,gp,G2,Jones,Beth,1990-05-17,Flat 3,Oak Hse,Netherby,DY3 2AB,B200",
  "tom,school,S3,Reid,Tom,2021-06-05,7 Mill Lane,,Netherby,DY4 8RR,T300",
  "tim,school,S4,Reid,Tim,2021-06-05,7 Mill Lane,,Netherby,DY4 8RR,T301",
].join("\n");

describe("a council's own file (any sources, extra columns)", () => {
  it("reads the columns in any order, joins address lines, keeps the town and other identifiers", () => {
    const [amira, housing, , beth] = parseLabelledCsv(COUNCIL_CSV);
    expect(amira).toEqual({
      clusterId: "amira",
      record: {
        agency: "school",
        localId: "S1",
        nhsNumber: null,
        givenName: "Amira",
        familyName: "Hussain",
        dateOfBirth: "1994-03-12",
        sex: null,
        postcode: "DY1 4QT",
        relations: [],
        address: "12 Market Street",
        town: "Brindleford",
        identifiers: { upn: "A100" },
      },
    });
    expect(housing.record).not.toHaveProperty("identifiers");
    expect(housing.record).not.toHaveProperty("town");
    expect(beth.record.address).toBe("Flat 3, Oak House");
    // Only the required columns, and one address column.
    expect(parseLabelledCsv("Local_ID,Source,Cluster_ID,Address\n1,a,x,2 Elm Road\n")).toEqual([
      {
        clusterId: "x",
        record: expect.objectContaining({ agency: "a", localId: "1", givenName: null, address: "2 Elm Road" }),
      },
    ]);
  });

  it("names unknown columns, and the required ones missing", () => {
    const bad = (header: string) => run(["--csv", "f.csv"], { "f.csv": `${header}\n` });
    expect(bad("source,local_id,cluster_id,nhs,forename").err).toEqual([
      `linkage:eval: f.csv: line 1: unknown columns nhs, forename (columns: ${LABELLED_CSV_COLUMNS})`,
    ]);
    expect(bad("source,local_id,given_name").err).toEqual([
      `linkage:eval: f.csv: line 1: the header must name the columns source, local_id, cluster_id (missing cluster_id; columns: ${LABELLED_CSV_COLUMNS})`,
    ]);
    expect(bad("source,local_id,cluster_id,postcode,postcode").err).toEqual([
      "linkage:eval: f.csv: line 1: column postcode given more than once",
    ]);
    expect(bad("source,local_id,cluster_id,address,address_1").err).toEqual([
      "linkage:eval: f.csv: line 1: give the address as one address column or as address_1..address_n, not both",
    ]);
  });

  it("links three sources that are not agencies, the address and the identifiers as evidence", () => {
    const labelled = parseLabelledCsv(COUNCIL_CSV);
    // Beth's pair shares no key but the address pass's.
    expect(blockingRecall(labelled)).toEqual({ truePairs: 4, compared: 4, recall: 1 });
    const e = evaluate(labelled);
    // True pairs: Amira 3, Beth 1; predicted: those and the twins.
    expect(e).toMatchObject({ truePairs: 4, predictedPairs: 5, truePositivePairs: 4 });
    const beth = e.result.links.find((l) => l.a === "gp:G2" || l.b === "gp:G2")!;
    expect(beth.rule).toBe("PROBABILISTIC");
    // "Oak Hse" and "Oak House" are one form once normalised.
    expect(beth.evidence!.find((x) => x.field === "address")!.level).toBe("EXACT");
    expect(beth.evidence!.find((x) => x.field === "identifiers")!.level).toBe("AGREE");
    // The same file without the address and the identifiers does not find Beth.
    const bare = labelled.map((l) => ({ ...l, record: { ...l.record, address: null, town: null, identifiers: null } }));
    expect(blockingRecall(bare).compared).toBe(3);
    expect(evaluate(bare).truePositivePairs).toBe(3);
  });

  it("counts postcodes that are not UK-shaped and links them across a one-character typo", () => {
    const file = (second: string) =>
      [
        "source,local_id,given_name,family_name,date_of_birth,sex,postcode,cluster_id",
        "crm,1,Marie,Dupont,1980-01-02,F,75011,marie",
        `benefits,2,Marie,Dupont,1980-01-03,F,${second},marie`,
        "crm,3,Jean,Martin,1991-02-02,M,1012 AB,jean",
      ].join("\n");
    const { out } = run(["--csv", "f.csv", "--json"], { "f.csv": file("75012") });
    expect(out).toContain("  postcodes: 3 held, 3 not UK-shaped (compared whole: no sector or district)");
    const typo = evaluate(parseLabelledCsv(file("75012")));
    expect(typo.truePositivePairs).toBe(1);
    expect(typo.result.links[0].evidence!.find((x) => x.field === "postcode")!.level).toBe("ONE_CHARACTER");
    // Another postcode altogether: the same names and a date of birth one digit apart are not enough.
    expect(evaluate(parseLabelledCsv(file("13001"))).truePositivePairs).toBe(0);
  });

  it("runs the CLI over the file: figures, JSON and a mistakes file holding the address and the new fields' evidence", () => {
    const { code, out, written } = run(["--csv", "council.csv", "--json", "--mistakes", "m.csv"], {
      "council.csv": COUNCIL_CSV,
    });
    expect(code).toBe(0);
    expect(out[0]).toBe("council.csv: 7 records, 3 people found, 0 pairs for review");
    expect(out).toContain("  blocking compared 4 of 4 true pairs (blocking recall 1.00000); 0 were never compared");
    expect(JSON.parse(out[out.length - 1]).file).toMatchObject({ precision: 0.8, recall: 1, blockingRecall: 1 });
    const [header, ...rows] = written["m.csv"].trimEnd().split("\n");
    expect(header).toBe(MISTAKES_CSV_HEADER);
    expect(header).toContain(",a_address,b_address,a_town,b_town,a_identifiers,b_identifiers,");
    expect(header.endsWith(",address_level,address_weight,identifiers_level,identifiers_weight")).toBe(true);
    expect(rows).toHaveLength(1);
    const twins = Object.fromEntries(header.split(",").map((h, i) => [h, rows[0].split(",")[i]]));
    expect(twins).toMatchObject({
      kind: "false-link",
      a_source: "school",
      a_local_id: "S3",
      b_local_id: "S4",
      a_address: "7 Mill Lane",
      b_address: "7 Mill Lane",
      a_town: "Netherby",
      a_identifiers: "upn=T300",
      b_identifiers: "upn=T301",
      address_level: "EXACT",
      identifiers_level: "DISAGREE",
    });
    expect(Number(twins.address_weight)).toBeGreaterThan(0);
    expect(Number(twins.identifiers_weight)).toBeLessThan(0);
  });
});
