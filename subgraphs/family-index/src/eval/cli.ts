import { readFileSync } from "node:fs";
import { generateBorough, type NoiseLevel } from "@ffd/borough";
import { evaluate, labelledFromTruth, type Evaluation } from "./evaluate";
import { LabelledFileError, parseLabelledCsv } from "./labelled";

/**
 * `npm run linkage:eval`: pairwise precision, recall and F1 of the full linkage against the
 * synthetic borough's ground truth at default and hard noise (or against a labelled CSV), and
 * the throughput. With --json the last line of output is one JSON object.
 */
export const USAGE = `Usage: npm run linkage:eval -- [--families N] [--seed S] [--reference-date YYYY-MM-DD] [--csv FILE] [--json]
  --families N          families in each generated borough (default 2000)
  --seed S              borough seed (default 1)
  --reference-date D    the borough's "today" (default 2025-06-01)
  --csv FILE            evaluate this labelled file instead (header
                        source,local_id,given_name,family_name,date_of_birth,sex,postcode,nhs_number,cluster_id)
  --json                end with one JSON line: {"default": {...}, "hard": {...}} (or {"file": {...}})`;

export class UsageError extends Error {}

export interface EvalCommand {
  families: number;
  seed: number;
  referenceDate: string;
  csv: string | null;
  json: boolean;
}

export function parseArgs(argv: readonly string[]): EvalCommand {
  const cmd: EvalCommand = { families: 2000, seed: 1, referenceDate: "2025-06-01", csv: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const integer = (v: string, min: number) => {
      if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`${arg} must be a whole number >= ${min}`);
      return Number(v);
    };
    if (arg === "--families") cmd.families = integer(value(), 0);
    else if (arg === "--seed") cmd.seed = integer(value(), 0);
    else if (arg === "--reference-date") {
      cmd.referenceDate = value();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(cmd.referenceDate)) throw new UsageError("--reference-date must be YYYY-MM-DD");
    } else if (arg === "--csv") cmd.csv = value();
    else if (arg === "--json") cmd.json = true;
    else if (arg === "--help" || arg === "-h") throw new UsageError("");
    else throw new UsageError(`unknown option ${arg}`);
  }
  return cmd;
}

export interface Metrics {
  precision: number;
  recall: number;
  f1: number;
  recordsPerSecond: number;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const summary = (e: Evaluation): Metrics => ({
  precision: round(e.precision, 5),
  recall: round(e.recall, 5),
  f1: round(e.f1, 5),
  recordsPerSecond: Math.round(e.recordsPerSecond),
});

function describe(name: string, e: Evaluation): string {
  return [
    `${name}: ${e.records} records, ${e.persons} people found, ${e.candidates} pairs for review`,
    `  pairs: ${e.truePairs} true, ${e.predictedPairs} predicted, ${e.truePositivePairs} correct`,
    `  precision ${e.precision.toFixed(5)}  recall ${e.recall.toFixed(5)}  F1 ${e.f1.toFixed(5)}`,
    `  linked in ${e.seconds.toFixed(2)} s (${Math.round(e.recordsPerSecond)} records/s)`,
  ].join("\n");
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readFile: (path: string) => string;
}

/** Runs the evaluation; returns the exit code (0 ok, 2 usage, 1 bad file). */
export function runEval(argv: readonly string[], io: CliIo): number {
  let cmd: EvalCommand;
  try {
    cmd = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) io.err(`linkage:eval: ${e.message}`);
    io.err(USAGE);
    return 2;
  }
  const result: Record<string, Metrics> = {};
  if (cmd.csv !== null) {
    let text: string;
    try {
      text = io.readFile(cmd.csv);
    } catch (e) {
      io.err(`linkage:eval: cannot read ${cmd.csv}: ${(e as NodeJS.ErrnoException).code ?? "error"}`);
      return 1;
    }
    try {
      const e = evaluate(parseLabelledCsv(text));
      io.out(describe(cmd.csv, e));
      result.file = summary(e);
    } catch (e) {
      if (!(e instanceof LabelledFileError)) throw e;
      io.err(`linkage:eval: ${cmd.csv}: ${e.message}`);
      return 1;
    }
  } else {
    for (const noise of ["default", "hard"] as NoiseLevel[]) {
      const borough = generateBorough({
        seed: cmd.seed,
        referenceDate: cmd.referenceDate,
        families: cmd.families,
        noise,
      });
      const e = evaluate(labelledFromTruth(borough.truth));
      io.out(describe(`${noise} noise (${cmd.families} families, seed ${cmd.seed})`, e));
      result[noise] = summary(e);
    }
  }
  if (cmd.json) io.out(JSON.stringify(result));
  return 0;
}

if (require.main === module) {
  process.exitCode = runEval(process.argv.slice(2), {
    out: (line) => process.stdout.write(line + "\n"),
    err: (line) => process.stderr.write(line + "\n"),
    readFile: (path) => readFileSync(path, "utf8"),
  });
}
