import { readFileSync, writeFileSync } from "node:fs";
import { generateBorough, otherSystemExtract, type TruthRecord } from "@ffd/borough";
import { evaluate, labelledFromTruth, type Evaluation } from "./evaluate";
import { LabelledFileError, parseLabelledCsv, type LabelledRecord } from "./labelled";
import {
  blockingRecall,
  MISTAKES_CSV_HEADER,
  mistakesCsvRows,
  pairMistakes,
  reviewThresholdFor,
  thresholdCurve,
  type BlockingRecall,
  type CurvePoint,
} from "./mistakes";
import { DEFAULT_THRESHOLDS } from "../linkage/probabilistic";
import { isUkShapedPostcode } from "../linkage/compare";
import { normalisePostcodeKey } from "../linkage/normalise";

/**
 * `npm run linkage:eval`: pairwise precision, recall and F1 of the full linkage against the
 * synthetic borough's ground truth at default and hard noise and as another system would hold
 * the default borough's records (or against a labelled CSV), the
 * throughput, the share of true pairs blocking compares, and precision, recall, F1 and the review
 * load across link thresholds; with --mistakes, every false link and missed pair with its
 * evidence. With --json the last line of output is one JSON object.
 */
export const USAGE = `Usage: npm run linkage:eval -- [--families N] [--seed S] [--reference-date YYYY-MM-DD] [--csv FILE] [--threshold P] [--mistakes FILE] [--json]
  --families N          families in each generated borough (default 2000)
  --seed S              borough seed (default 1)
  --reference-date D    the borough's "today" (default 2025-06-01)
  --csv FILE            evaluate this labelled file instead: a header line naming its columns in
                        any order; required source,local_id,cluster_id (any source name without
                        ":" or spaces; records sharing cluster_id are one person); optional
                        given_name,family_name,date_of_birth,sex,postcode,nhs_number, address (or
                        address_1..address_n, joined), town, and id_<name> for other identifiers
                        (compared exactly where both records hold one); any other column is an error
  --threshold P         the link threshold, a match probability above 0 and below 1 (default ${DEFAULT_THRESHOLDS.link})
  --mistakes FILE       write every false link and missed pair, with both records and each
                        field's comparison level and weight, to FILE (CSV)
  --json                end with one JSON line: {"default": {...}, "hard": {...}, "other": {...}} (or {"file": {...}})`;

export class UsageError extends Error {}

export interface EvalCommand {
  families: number;
  seed: number;
  referenceDate: string;
  csv: string | null;
  threshold: number;
  mistakes: string | null;
  json: boolean;
}

export function parseArgs(argv: readonly string[]): EvalCommand {
  const cmd: EvalCommand = {
    families: 2000,
    seed: 1,
    referenceDate: "2025-06-01",
    csv: null,
    threshold: DEFAULT_THRESHOLDS.link,
    mistakes: null,
    json: false,
  };
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
    else if (arg === "--threshold") {
      const v = value();
      cmd.threshold = Number(v);
      if (!/^\d*\.?\d+$/.test(v) || !(cmd.threshold > 0 && cmd.threshold < 1))
        throw new UsageError("--threshold must be a probability above 0 and below 1, e.g. 0.99");
    } else if (arg === "--mistakes") cmd.mistakes = value();
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
  /** The share of true pairs blocking compares. */
  blockingRecall: number;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
/** One labelled set evaluated: the run at the threshold asked for, blocking recall, the curve and the mistakes. */
interface Measured {
  evaluation: Evaluation;
  blocking: BlockingRecall;
  curve: CurvePoint[];
  mistakes: string[];
  /** Records with a postcode, and how many of those are not UK-shaped (compared whole only). */
  postcodes: { held: number; notUkShaped: number };
}

const summary = ({ evaluation: e, blocking }: Measured): Metrics => ({
  precision: round(e.precision, 5),
  recall: round(e.recall, 5),
  f1: round(e.f1, 5),
  recordsPerSecond: Math.round(e.recordsPerSecond),
  blockingRecall: round(blocking.recall, 5),
});

function measure(name: string, labelled: readonly LabelledRecord[], cmd: EvalCommand): Measured {
  const evaluation = evaluate(labelled, {
    thresholds: { link: cmd.threshold, review: reviewThresholdFor(cmd.threshold) },
  });
  const model = evaluation.result.model;
  return {
    evaluation,
    blocking: blockingRecall(labelled),
    curve: model ? thresholdCurve(labelled, model) : [],
    mistakes: cmd.mistakes === null ? [] : mistakesCsvRows(name, pairMistakes(labelled, evaluation.result)),
    postcodes: postcodeShapes(labelled),
  };
}

/** How many records hold a postcode, and how many of those are not UK-shaped. */
function postcodeShapes(labelled: readonly LabelledRecord[]): Measured["postcodes"] {
  let held = 0;
  let notUkShaped = 0;
  for (const l of labelled) {
    const postcode = normalisePostcodeKey(l.record.postcode);
    if (postcode === null) continue;
    held++;
    if (!isUkShapedPostcode(postcode)) notUkShaped++;
  }
  return { held, notUkShaped };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

function describe(name: string, { evaluation: e, blocking, curve, postcodes }: Measured, threshold: number): string {
  return [
    `${name}: ${e.records} records, ${e.persons} people found, ${e.candidates} pairs for review`,
    `  postcodes: ${postcodes.held} held, ${postcodes.notUkShaped} not UK-shaped (compared whole: no sector or district)`,
    `  pairs: ${e.truePairs} true, ${e.predictedPairs} predicted, ${e.truePositivePairs} correct (link threshold ${threshold})`,
    `  precision ${e.precision.toFixed(5)}  recall ${e.recall.toFixed(5)}  F1 ${e.f1.toFixed(5)}`,
    `  blocking compared ${blocking.compared} of ${blocking.truePairs} true pairs (blocking recall ${blocking.recall.toFixed(5)}); ${blocking.truePairs - blocking.compared} were never compared`,
    `  linked in ${e.seconds.toFixed(2)} s (${Math.round(e.recordsPerSecond)} records/s)`,
    ...(curve.length === 0
      ? []
      : [
          `  ${pad("threshold", 9)} ${pad("precision", 9)} ${pad("recall", 9)} ${pad("F1", 9)} ${pad("to review", 9)}`,
          ...curve.map(
            (p) =>
              `  ${pad(p.threshold, 9)} ${pad(p.precision.toFixed(5), 9)} ${pad(p.recall.toFixed(5), 9)} ${pad(p.f1.toFixed(5), 9)} ${pad(p.reviewPairs, 9)}`,
          ),
        ]),
  ].join("\n");
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readFile: (path: string) => string;
  writeFile: (path: string, text: string) => void;
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
  const mistakes: string[] = [];
  if (cmd.csv !== null) {
    let text: string;
    try {
      text = io.readFile(cmd.csv);
    } catch (e) {
      io.err(`linkage:eval: cannot read ${cmd.csv}: ${(e as NodeJS.ErrnoException).code ?? "error"}`);
      return 1;
    }
    try {
      const measured = measure("file", parseLabelledCsv(text), cmd);
      io.out(describe(cmd.csv, measured, cmd.threshold));
      result.file = summary(measured);
      mistakes.push(...measured.mistakes);
    } catch (e) {
      if (!(e instanceof LabelledFileError)) throw e;
      io.err(`linkage:eval: ${cmd.csv}: ${e.message}`);
      return 1;
    }
  } else {
    const generated = (noise: "default" | "hard") =>
      generateBorough({ seed: cmd.seed, referenceDate: cmd.referenceDate, families: cmd.families, noise }).truth;
    const defaultTruth = generated("default");
    const profiles: [string, string, () => TruthRecord[]][] = [
      ["default", "default noise", () => defaultTruth],
      ["hard", "hard noise", () => generated("hard")],
      // The default borough's records as another system would hold them (borough: other-system.ts).
      ["other", "another system's noise", () => otherSystemExtract(defaultTruth, cmd.seed).records],
    ];
    for (const [profile, title, truth] of profiles) {
      const measured = measure(profile, labelledFromTruth(truth()), cmd);
      io.out(describe(`${title} (${cmd.families} families, seed ${cmd.seed})`, measured, cmd.threshold));
      result[profile] = summary(measured);
      mistakes.push(...measured.mistakes);
    }
  }
  if (cmd.mistakes !== null) {
    try {
      io.writeFile(cmd.mistakes, [MISTAKES_CSV_HEADER, ...mistakes].join("\n") + "\n");
    } catch (e) {
      io.err(`linkage:eval: cannot write ${cmd.mistakes}: ${(e as NodeJS.ErrnoException).code ?? "error"}`);
      return 1;
    }
    io.out(`${mistakes.length} mistakes (false links and missed pairs) written to ${cmd.mistakes}`);
  }
  if (cmd.json) io.out(JSON.stringify(result));
  return 0;
}

if (require.main === module) {
  process.exitCode = runEval(process.argv.slice(2), {
    out: (line) => process.stdout.write(line + "\n"),
    err: (line) => process.stderr.write(line + "\n"),
    readFile: (path) => readFileSync(path, "utf8"),
    writeFile: (path, text) => writeFileSync(path, text),
  });
}
