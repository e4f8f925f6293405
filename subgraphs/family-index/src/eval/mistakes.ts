import { csvField } from "@ffd/borough";
import { DEFAULT_MAX_BLOCK_SIZE, PREDICTION_BLOCKING, type BlockingRule } from "../linkage/blocking";
import { FIELDS, featuresOf, type Features } from "../linkage/compare";
import { linkIdentities, scorePair, type LinkResult } from "../linkage/link";
import type { FieldEvidence, MatchModel } from "../linkage/model";
import { DEFAULT_THRESHOLDS } from "../linkage/probabilistic";
import { toLinkageRecord } from "../linkage/normalise";
import { recordKey, type LinkageRecord, type SourceName } from "../linkage/types";
import type { LabelledRecord } from "./labelled";
import { pairwiseMetrics, type PairwiseMetrics } from "./metrics";

/**
 * What the evaluation shows beyond one F1: how many true pairs blocking never put side by side
 * (no threshold can find those), how precision, recall and the review load move with the link
 * threshold, and every mistake with the evidence for it.
 */

/** Indexes grouped by their cluster, in first-seen order; clusters of one left out (they make no pairs). */
function groupsOf(clusterOf: readonly string[]): number[][] {
  const byCluster = new Map<string, number[]>();
  clusterOf.forEach((c, i) => {
    const group = byCluster.get(c);
    if (group) group.push(i);
    else byCluster.set(c, [i]);
  });
  return [...byCluster.values()].filter((g) => g.length > 1);
}

export interface BlockingRecall {
  truePairs: number;
  /** True pairs sharing a key of some blocking rule, in a block within the size cap. */
  compared: number;
  /** compared / truePairs (1 when there are no true pairs). */
  recall: number;
}

/**
 * Whether blocking puts two records side by side: they share the key of at least one rule (and
 * one of them passes the rule's `only` test, if it has one) and that key's block is within the size cap (larger blocks are skipped by the linkage, as
 * forEachCandidatePair does). The keys and block sizes are worked out once, over all the records.
 */
export function blockingComparer(
  features: readonly Features[],
  rules: readonly BlockingRule[] = PREDICTION_BLOCKING,
  maxBlockSize = DEFAULT_MAX_BLOCK_SIZE,
): (i: number, j: number) => boolean {
  const keys = rules.map((rule) => features.map((f) => rule.key(f)));
  const blockSizes = keys.map((ks) => {
    const sizes = new Map<string, number>();
    for (const k of ks) if (k !== null) sizes.set(k, (sizes.get(k) ?? 0) + 1);
    return sizes;
  });
  const passes = rules.map((rule) => (rule.only ? features.map((f) => rule.only!(f)) : null));
  return (i, j) =>
    keys.some(
      (ks, r) =>
        ks[i] !== null &&
        ks[i] === ks[j] &&
        blockSizes[r].get(ks[i]!)! <= Math.min(maxBlockSize, rules[r].maxBlockSize ?? Infinity) &&
        (!passes[r] || passes[r][i] || passes[r][j]),
    );
}

/**
 * The share of true pairs that blocking compares (blockingComparer). Counted over the true
 * clusters only, so the cost is the sum of their squared sizes, never the n² of all records.
 */
export function blockingRecall(
  labelled: readonly LabelledRecord[],
  features: readonly Features[] = labelled.map((l) => featuresOf(toLinkageRecord(l.record))),
): BlockingRecall {
  const compares = blockingComparer(features);
  let truePairs = 0;
  let compared = 0;
  for (const cluster of groupsOf(labelled.map((l) => l.clusterId)))
    for (let x = 0; x < cluster.length; x++)
      for (let y = x + 1; y < cluster.length; y++) {
        truePairs++;
        if (compares(cluster[x], cluster[y])) compared++;
      }
  return { truePairs, compared, recall: truePairs === 0 ? 1 : compared / truePairs };
}

export interface CurvePoint extends PairwiseMetrics {
  /** The link threshold (match probability). */
  threshold: number;
  /** Pairs left for a person to review at this threshold (probability between the review threshold and it). */
  reviewPairs: number;
}

/** The link thresholds the curve is drawn at. */
export const CURVE_THRESHOLDS = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999] as const;

/** The review threshold for a link threshold: the default one, or the link threshold when that is lower. */
export const reviewThresholdFor = (link: number) => Math.min(DEFAULT_THRESHOLDS.review, link);

/**
 * Precision, recall, F1 and the review load at each link threshold, with the model the main run
 * estimated (so every point scores the same pairs the same way; only the cut moves).
 */
export function thresholdCurve(
  labelled: readonly LabelledRecord[],
  model: MatchModel,
  thresholds: readonly number[] = CURVE_THRESHOLDS,
): CurvePoint[] {
  const records = labelled.map((l) => toLinkageRecord(l.record));
  const truth = labelled.map((l) => l.clusterId);
  return thresholds.map((threshold) => {
    const result = linkIdentities(records, [], {
      model,
      thresholds: { link: threshold, review: reviewThresholdFor(threshold) },
    });
    return {
      threshold,
      ...pairwiseMetrics(predictedClusters(labelled, result), truth),
      reviewPairs: result.candidates.length,
    };
  });
}

/** Each labelled record's predicted person, in the labelled order. */
export function predictedClusters(labelled: readonly LabelledRecord[], result: LinkResult<SourceName>): string[] {
  const personOf = new Map(result.records.map((r) => [recordKey(r.agency, r.localId), r.personId]));
  return labelled.map((l) => personOf.get(recordKey(l.record.agency, l.record.localId))!);
}

export interface PairMistake {
  kind: "false-link" | "missed";
  a: LinkageRecord<SourceName>;
  b: LinkageRecord<SourceName>;
  /** The model's match probability and weight for the pair, with each field's level and weight. */
  probability: number;
  weight: number;
  evidence: FieldEvidence[];
  /** Whether blocking put the pair side by side at all (a missed pair it did not can never be found by scoring). */
  comparedByBlocking: boolean;
}

/**
 * Every false link (two records of different true people in one predicted person) and every
 * missed pair (two records of one true person in different predicted people), each scored by the
 * model with its field-by-field evidence. Pairs are visited within predicted and within true
 * clusters only.
 */
export function pairMistakes(labelled: readonly LabelledRecord[], result: LinkResult<SourceName>): PairMistake[] {
  const records = labelled.map((l) => toLinkageRecord(l.record));
  const features = records.map(featuresOf);
  const predicted = predictedClusters(labelled, result);
  const model = result.model;
  const compared = blockingComparer(features);
  const mistake = (kind: PairMistake["kind"], i: number, j: number): PairMistake => {
    const score = model ? scorePair(records[i], records[j], model) : { probability: NaN, weight: NaN, evidence: [] };
    return {
      kind,
      a: records[i],
      b: records[j],
      probability: score.probability,
      weight: score.weight,
      evidence: score.evidence,
      comparedByBlocking: compared(i, j),
    };
  };
  const out: PairMistake[] = [];
  for (const g of groupsOf(predicted))
    for (let x = 0; x < g.length; x++)
      for (let y = x + 1; y < g.length; y++)
        if (labelled[g[x]].clusterId !== labelled[g[y]].clusterId) out.push(mistake("false-link", g[x], g[y]));
  for (const g of groupsOf(labelled.map((l) => l.clusterId)))
    for (let x = 0; x < g.length; x++)
      for (let y = x + 1; y < g.length; y++)
        if (predicted[g[x]] !== predicted[g[y]]) out.push(mistake("missed", g[x], g[y]));
  return out;
}

type Shown = LinkageRecord<SourceName>;

/** What each record of a pair shows in the mistakes file, as the source holds it (other identifiers as name=value; name=value). */
const SHOWN = [
  ["given_name", (r: Shown) => r.source.givenName],
  ["family_name", (r: Shown) => r.source.familyName],
  ["date_of_birth", (r: Shown) => r.source.dateOfBirth],
  ["sex", (r: Shown) => r.source.sex],
  ["postcode", (r: Shown) => r.source.postcode],
  ["nhs_number", (r: Shown) => r.source.nhsNumber],
  ["address", (r: Shown) => r.source.address ?? null],
  ["town", (r: Shown) => r.source.town ?? null],
  [
    "identifiers",
    (r: Shown) =>
      r.source.identifiers
        ? Object.entries(r.source.identifiers)
            .map(([name, value]) => `${name}=${value}`)
            .join("; ") || null
        : null,
  ],
] as const;

export const MISTAKES_CSV_HEADER = [
  "profile",
  "kind",
  "probability",
  "weight",
  "compared_by_blocking",
  "a_source",
  "a_local_id",
  "b_source",
  "b_local_id",
  ...SHOWN.flatMap(([name]) => [`a_${name}`, `b_${name}`]),
  ...FIELDS.flatMap((f) => [`${f}_level`, `${f}_weight`]),
].join(",");

/**
 * The mistakes as CSV rows (no header): one row per pair with both records' values side by side
 * and each field's comparison level and weight (level empty when either record lacks the value).
 */
export function mistakesCsvRows(profile: string, mistakes: readonly PairMistake[]): string[] {
  return mistakes.map((m) => {
    const evidence = new Map(m.evidence.map((e) => [e.field, e]));
    return [
      profile,
      m.kind,
      Number.isNaN(m.probability) ? null : Math.round(m.probability * 1e6) / 1e6,
      Number.isNaN(m.weight) ? null : m.weight,
      m.comparedByBlocking,
      m.a.agency,
      m.a.localId,
      m.b.agency,
      m.b.localId,
      ...SHOWN.flatMap(([, value]) => [value(m.a), value(m.b)]),
      ...FIELDS.flatMap((f) => [evidence.get(f)?.level ?? null, evidence.get(f)?.weight ?? null]),
    ]
      .map(csvField)
      .join(",");
  });
}
