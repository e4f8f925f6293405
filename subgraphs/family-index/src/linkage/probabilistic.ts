import { forEachPairOfRule, TRAINING_BLOCKING } from "./blocking";
import { compareFeatures, DATE_OF_BIRTH_LEVELS, FIELDS, type Features, type Field } from "./compare";
import {
  addressUGivenPostcode,
  estimateU,
  expectationMaximisation,
  PatternCounts,
  PRIOR_M,
  seededRandom,
  termFrequencies,
  type MatchModel,
  type TrainingReport,
} from "./model";

/** Match-probability thresholds: at or above `link` two records are linked; from `review` up to it, a candidate for human review. */
export interface Thresholds {
  link: number;
  review: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { link: 0.99, review: 0.5 };

/**
 * Share of true matching pairs the deterministic rules are assumed to find; the prior
 * P(match) of two random records is the deterministic pairs / all pairs / this.
 */
export const DETERMINISTIC_RECALL = 0.6;

export interface TrainOptions {
  /** Random pairs for u (default 200,000). */
  uPairs?: number;
  /** Pairs per EM session (default 300,000). */
  emPairs?: number;
  seed?: number;
  /** Pairs the deterministic rules linked (transitively): sets the prior. */
  deterministicPairs: number;
}

/**
 * Estimates the model from the records themselves: u from random pairs, m by EM over the pairs
 * of each training blocking rule (fields a rule blocks on are not estimated by it; each field's
 * m is the mean over the sessions that estimated it, converged and held it on both sides of some
 * pair, else PRIOR_M), the prior from
 * the deterministic links, term frequencies from the name values.
 */
export function trainModel(features: readonly Features[], options: TrainOptions): MatchModel {
  const seed = options.seed ?? 20250601;
  const u = estimateU(features, options.uPairs ?? 200_000, seed);
  const uAddressSamePostcode = addressUGivenPostcode(features, options.uPairs ?? 200_000, seed);
  const uAddressSamePostcodeAndFamily = addressUGivenPostcode(features, options.uPairs ?? 200_000, seed, true);
  const sums = {} as Record<Field, number[] | null>;
  const sessionsOf = {} as Record<Field, number>;
  for (const f of FIELDS) {
    sums[f] = null;
    sessionsOf[f] = 0;
  }
  const training: TrainingReport[] = [];
  const random = seededRandom(seed + 1);
  for (const rule of TRAINING_BLOCKING) {
    const counts = new PatternCounts();
    const pairs = forEachPairOfRule(
      features,
      rule,
      (i, j) => counts.add(compareFeatures(features[i], features[j])),
      options.emPairs ?? 300_000,
      random,
    );
    const estimate = FIELDS.filter((f) => f !== "nhsNumber" && !rule.blocks.includes(f));
    const em = expectationMaximisation(counts, u, estimate, {
      uAddressSamePostcode,
      uAddressSamePostcodeAndFamily,
    });
    training.push({
      blocking: rule.name,
      pairs,
      iterations: em.iterations,
      converged: em.converged && pairs > 0,
      estimated: estimate,
      lambda: Math.round(em.lambda * 1e6) / 1e6,
    });
    if (!em.converged || pairs === 0) continue;
    // A field no pair of the session holds on both sides (the agencies' address and other
    // identifiers) learnt nothing: it keeps PRIOR_M and says so.
    const held = new Set<Field>();
    for (const { vector } of counts.patterns.values())
      for (const f of estimate) if (vector[FIELDS.indexOf(f)] >= 0) held.add(f);
    for (const f of estimate.filter((x) => held.has(x))) {
      const s = sums[f];
      sums[f] = s ? s.map((v, l) => v + em.m[f][l]) : [...em.m[f]];
      sessionsOf[f]++;
    }
  }
  const m = {} as Record<Field, number[]>;
  const mSource = {} as Record<Field, "em" | "prior">;
  for (const f of FIELDS) {
    const s = sums[f];
    m[f] = s ? s.map((v) => v / sessionsOf[f]) : [...PRIOR_M[f]];
    mSource[f] = s ? "em" : "prior";
  }
  // Dates of birth ten years or more apart: m is fixed at the prior, never estimated. In the
  // training pairs a parent and a child of one name at one address agree on every other field, so
  // EM takes them for matches and puts about 1.4% of matches at this level (on "another system's"
  // profile), giving a mother and a daughter of one name barely more evidence against than a typo.
  const apart = DATE_OF_BIRTH_LEVELS.indexOf("TEN_YEARS_APART");
  if (mSource.dateOfBirth === "em") m.dateOfBirth = withLevelFixed(m.dateOfBirth, apart, PRIOR_M.dateOfBirth[apart]);
  const n = features.length;
  const allPairs = (n * (n - 1)) / 2;
  const prior =
    allPairs > 0 ? Math.min(0.5, Math.max(1e-9, options.deterministicPairs / allPairs / DETERMINISTIC_RECALL)) : 0.5;
  return {
    m,
    u,
    uAddressSamePostcode,
    uAddressSamePostcodeAndFamily,
    prior,
    tf: {
      givenName: termFrequencies(features.map((f) => f.given)),
      familyName: termFrequencies(features.map((f) => f.family)),
    },
    mSource,
    training,
  };
}

/** The probabilities with one level set to p and the others scaled to sum to 1 - p. */
export function withLevelFixed(probabilities: readonly number[], level: number, p: number): number[] {
  const others = probabilities.reduce((sum, q, l) => (l === level ? sum : sum + q), 0);
  return probabilities.map((q, l) =>
    l === level ? p : others > 0 ? (q * (1 - p)) / others : (1 - p) / (probabilities.length - 1),
  );
}
