import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseLabelledCsv } from "../eval/labelled";
import { pairwiseMetrics } from "../eval/metrics";
import { toLinkageRecord } from "../linkage/normalise";
import type { LabelledRecord } from "../eval/labelled";
import { linkIdentities, type LinkResult } from "../linkage/link";
import { seededRandom } from "../linkage/model";
import { recordKey } from "../linkage/types";
import { SearchIndex, toCriteria, type SearchCriteria } from "../search/search-index";

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
    // The borough is generated in a child process, which writes the records as each agency holds
    // them (with their true identities) to a CSV file; this process only reads them, as in service
    // family-index only receives records from the identity feeds. So the peak below is linking's.
    const file = path.join(tmpdir(), `ffd-bench-${process.pid}-${ctx.families}.csv`);
    let labelled: LabelledRecord[];
    try {
      execFileSync(
        process.execPath,
        [path.join(__dirname, "generate-truth.js"), String(ctx.families), String(ctx.seed), ctx.referenceDate, file],
        { stdio: ["ignore", "ignore", "inherit"] },
      );
      labelled = parseLabelledCsv(readFileSync(file, "utf8"));
    } finally {
      rmSync(file, { force: true });
    }
    const generateSeconds = seconds(started);
    const truth = labelled.map((l) => l.clusterId);
    const keys = labelled.map((l) => recordKey(l.record.agency, l.record.localId));
    const peakBeforeLink = peakRss();
    const rssBefore = process.memoryUsage().rss;
    started = process.hrtime.bigint();
    const records = labelled.map((l) => toLinkageRecord(l.record));
    // A seeded sample of the truth for the search section (the rest is dropped before linking).
    const random = seededRandom(ctx.seed + 7);
    ctx.shared.searchSample = Array.from({ length: SEARCHES }, () => labelled[Math.floor(random() * labelled.length)]);
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

/** Searches the search section runs. */
export const SEARCHES = 2_000;

/** "Hussain" -> "Husain" (a doubled letter single), else two inner letters swapped: a typical misspelling. */
export function misspell(name: string): string {
  const doubled = /(.)\1/.exec(name);
  if (doubled) return name.slice(0, doubled.index) + name.slice(doubled.index + 1);
  if (name.length < 4) return name + name[name.length - 1];
  return name[0] + name[2] + name[1] + name.slice(3);
}

/**
 * The queries, from sampled truth records, in turn: full name + date of birth; misspelt family
 * name + date of birth; NHS number (records without one: full name + date of birth); given and
 * family name + postcode (records without a given name or a postcode: full name + date of
 * birth; before, such a record gave a query of its names alone or its family name and postcode,
 * which several people match equally, so "first" was a coin toss among them).
 */
export function searchQueries(
  sample: readonly LabelledRecord[],
): { kind: string; key: string; query: SearchCriteria }[] {
  return sample.map((l, i) => {
    const r = l.record;
    const key = recordKey(r.agency, r.localId);
    const names = { givenName: r.givenName, familyName: r.familyName };
    type Built = { kind: string; query: Parameters<typeof toCriteria>[0] };
    const kinds: (() => Built)[] = [
      () => ({ kind: "name+dob", query: { ...names, dateOfBirth: r.dateOfBirth } }),
      () => ({
        kind: "misspeltFamily+dob",
        query: { ...names, familyName: r.familyName ? misspell(r.familyName) : null, dateOfBirth: r.dateOfBirth },
      }),
      () => (r.nhsNumber ? { kind: "nhsNumber", query: { nhsNumber: r.nhsNumber } } : kinds[0]()),
      () =>
        r.givenName && r.postcode ? { kind: "name+postcode", query: { ...names, postcode: r.postcode } } : kinds[0](),
    ];
    const { kind, query } = kinds[i % 4]();
    return { kind, key, query: toCriteria(query) };
  });
}

/** A full name + date of birth query: given name, family name and date of birth, nothing else. */
export const isNameAndDob = (q: SearchCriteria) =>
  !!q.givenName && !!q.familyName && !!q.dateOfBirth && !q.nhsNumber && !q.postcode;

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
const ms2 = (x: number) => Math.round(x * 1000) / 1000;

export const searchSection: BenchSection = {
  name: "search",
  run(ctx) {
    const linkage = ctx.shared.linkage as LinkResult;
    const sample = ctx.shared.searchSample as LabelledRecord[];
    const started = process.hrtime.bigint();
    const index = new SearchIndex(
      { records: linkage.records, persons: linkage.persons.map((g) => ({ ...g.person, familyId: null })) },
      linkage.model,
    );
    const buildSeconds = seconds(started);
    const personOf = new Map(linkage.records.map((r) => [recordKey(r.agency, r.localId), r.personId]));
    const queries = searchQueries(sample);
    const times: number[] = [];
    let first = 0;
    let tied = 0;
    let found = 0;
    let empty = 0;
    let nameDobQueries = 0;
    let nameDobResults = 0;
    const missedByKind: Record<string, number> = {};
    for (const q of queries) {
      const t = process.hrtime.bigint();
      const hits = index.search(q.query);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      const want = personOf.get(q.key);
      if (!hits.length) empty++;
      if (isNameAndDob(q.query)) {
        nameDobQueries++;
        nameDobResults += hits.length;
      }
      if (hits[0]?.personId === want) first++;
      else {
        missedByKind[q.kind] = (missedByKind[q.kind] ?? 0) + 1;
        if (hits.some((h) => h.personId === want && h.weight === hits[0].weight)) tied++;
      }
      if (hits.some((h) => h.personId === want)) found++;
    }
    const sorted = [...times].sort((a, b) => a - b);
    return {
      searches: queries.length,
      indexBuildSeconds: buildSeconds,
      medianMs: ms2(percentile(sorted, 50)),
      p95Ms: ms2(percentile(sorted, 95)),
      maxMs: ms2(sorted[sorted.length - 1] ?? 0),
      foundFirst: Math.round((first / queries.length) * 1e4) / 1e4,
      foundInResults: Math.round((found / queries.length) * 1e4) / 1e4,
      // Not first, but as likely as the first: the query says nothing that tells them apart.
      notFirstButTied: tied,
      noResults: empty,
      nameDobQueries,
      avgResultsNameDob: Math.round((nameDobResults / Math.max(nameDobQueries, 1)) * 100) / 100,
      notFirstByKind: JSON.stringify(missedByKind),
      peakRssMb: mb(peakRss()),
    };
  },
};

export const SECTIONS: BenchSection[] = [linkageSection, searchSection];

export interface BenchArgs {
  families: number;
  seed: number;
  json: boolean;
  /** Run only these sections (and, for search, the linkage it needs). */
  only: string[] | null;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const out: BenchArgs = { families: 100_000, seed: 1, json: false, only: null };
  const usage = `usage: npm run bench -- [--families N] [--seed S] [--only ${SECTIONS.map((s) => s.name).join("|")}] [--json]`;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") out.json = true;
    else if ((a === "--families" || a === "--seed") && /^\d+$/.test(argv[i + 1] ?? "")) {
      out[a === "--families" ? "families" : "seed"] = Number(argv[++i]);
    } else if (a === "--only" && SECTIONS.some((s) => s.name === argv[i + 1])) {
      out.only = [...(out.only ?? []), argv[++i]];
    } else throw new Error(`${usage} (bad argument ${a})`);
  }
  return out;
}

function main(): void {
  const args = parseBenchArgs(process.argv.slice(2));
  const ctx: BenchContext = { families: args.families, seed: args.seed, referenceDate: "2025-06-01", shared: {} };
  const report: Record<string, Figures> = {};
  // Search needs the linkage section's result, so it always runs linkage first.
  const wanted = args.only ? new Set(args.only.includes("search") ? [...args.only, "linkage"] : args.only) : null;
  for (const section of SECTIONS.filter((s) => !wanted || wanted.has(s.name))) {
    const figures = section.run(ctx);
    report[section.name] = figures;
    process.stdout.write(`\n${section.name}\n`);
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(22)} ${v}\n`);
  }
  report.machine = { cpus: cpus().length, node: process.version, peakRssMb: mb(peakRss()) };
  process.stdout.write(`\nmachine\n  cpus ${cpus().length}, node ${process.version}, peak RSS ${mb(peakRss())} MB\n`);
  if (args.json) process.stdout.write(JSON.stringify(report) + "\n");
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
}
