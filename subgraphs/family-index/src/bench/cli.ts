import { cpus } from "node:os";
import { generateBorough } from "@ffd/borough";
import { labelledFromTruth } from "../eval/evaluate";
import { pairwiseMetrics } from "../eval/metrics";
import { linkIdentities } from "../linkage/link";
import { toLinkageRecord } from "../linkage/normalise";
import { recordKey } from "../linkage/types";

/**
 * `npm run bench`: the performance targets, measured. Sections run in order, each returning
 * named figures; add a section (search latency, ...) by appending to SECTIONS. Prints a table;
 * with --json, the last line is one JSON object {"<section>": {...figures}, "machine": {...}}.
 */
export interface BenchContext {
  families: number;
  seed: number;
  referenceDate: string;
  /** Set by the linkage section for later sections (search) to use. */
  shared: Record<string, unknown>;
}

export type Figures = Record<string, number | string>;

export interface BenchSection {
  name: string;
  run(ctx: BenchContext): Figures;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** Peak resident set size of this process so far (the kernel's high-water mark), in bytes. */
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const seconds = (since: bigint) => Math.round(Number(process.hrtime.bigint() - since) / 1e7) / 100;

export const linkageSection: BenchSection = {
  name: "linkage",
  run(ctx) {
    let started = process.hrtime.bigint();
    // Only the truth rows are kept: the agency databases are dropped before linking (in service,
    // records arrive from the identity feeds, never as a generated borough).
    const labelled = labelledFromTruth(
      generateBorough({ seed: ctx.seed, referenceDate: ctx.referenceDate, families: ctx.families, noise: "default" })
        .truth,
    );
    const generateSeconds = seconds(started);
    const truth = labelled.map((l) => l.clusterId);
    const keys = labelled.map((l) => recordKey(l.record.agency, l.record.localId));
    const peakBeforeLink = peakRss();
    const rssBefore = process.memoryUsage().rss;
    started = process.hrtime.bigint();
    const records = labelled.map((l) => toLinkageRecord(l.record));
    labelled.length = 0;
    const result = linkIdentities(records, []);
    const linkSeconds = seconds(started);
    const rssAfter = process.memoryUsage().rss;
    const personOf = new Map(result.records.map((r) => [recordKey(r.agency, r.localId), r.personId]));
    const metrics = pairwiseMetrics(
      keys.map((k) => personOf.get(k)!),
      truth,
    );
    ctx.shared.linkage = result;
    const blocked = result.stats.blocking ? Object.values(result.stats.blocking.pairs).reduce((a, b) => a + b, 0) : 0;
    return {
      families: ctx.families,
      records: records.length,
      people: result.persons.length,
      generateSeconds,
      linkSeconds,
      recordsPerSecond: Math.round(records.length / Math.max(linkSeconds, 0.01)),
      pairsScored: blocked,
      reviewCandidates: result.candidates.length,
      precision: Math.round(metrics.precision * 1e5) / 1e5,
      recall: Math.round(metrics.recall * 1e5) / 1e5,
      f1: Math.round(metrics.f1 * 1e5) / 1e5,
      peakRssBeforeLinkMb: mb(peakBeforeLink),
      rssBeforeLinkMb: mb(rssBefore),
      rssAfterLinkMb: mb(rssAfter),
      peakRssMb: mb(peakRss()),
    };
  },
};

export const SECTIONS: BenchSection[] = [linkageSection];

export function parseBenchArgs(argv: readonly string[]): { families: number; seed: number; json: boolean } {
  const out = { families: 100_000, seed: 1, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") out.json = true;
    else if ((a === "--families" || a === "--seed") && /^\d+$/.test(argv[i + 1] ?? "")) {
      out[a === "--families" ? "families" : "seed"] = Number(argv[++i]);
    } else throw new Error(`usage: npm run bench -- [--families N] [--seed S] [--json] (bad argument ${a})`);
  }
  return out;
}

function main(): void {
  const args = parseBenchArgs(process.argv.slice(2));
  const ctx: BenchContext = { families: args.families, seed: args.seed, referenceDate: "2025-06-01", shared: {} };
  const report: Record<string, Figures> = {};
  for (const section of SECTIONS) {
    const figures = section.run(ctx);
    report[section.name] = figures;
    process.stdout.write(`\n${section.name}\n`);
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(22)} ${v}\n`);
  }
  report.machine = { cpus: cpus().length, node: process.version, peakRssMb: mb(peakRss()) };
  process.stdout.write(`\nmachine\n  cpus ${cpus().length}, node ${process.version}, peak RSS ${mb(peakRss())} MB\n`);
  if (args.json) process.stdout.write(JSON.stringify(report) + "\n");
}

if (require.main === module) main();
