import { compareFeatures, FIELDS, LEVELS, NAME_LEVELS, type Features, type Field } from "./compare";

/**
 * The Fellegi-Sunter model: for each field and comparison level, m = P(level | same person)
 * and u = P(level | different people). A pair's match weight is the prior log-odds plus, per
 * field, log2(m/u) of its level (0 when a value is missing); its match probability is
 * 2^w / (1 + 2^w).
 */
export type LevelProbabilities = Readonly<Record<Field, readonly number[]>>;

export interface MatchModel {
  m: LevelProbabilities;
  u: LevelProbabilities;
  /** P(two records drawn at random are the same person). */
  prior: number;
  /** Term frequencies for exact name matches: value -> share of records holding it. */
  tf: { givenName: ReadonlyMap<string, number>; familyName: ReadonlyMap<string, number> };
  /** How m was obtained, per field: "em" (expectation maximisation on this data) or "prior". */
  mSource: Readonly<Record<Field, "em" | "prior">>;
  training: TrainingReport[];
}

export interface TrainingReport {
  /** The blocking rule whose pairs were used. */
  blocking: string;
  pairs: number;
  iterations: number;
  converged: boolean;
  /** Fields whose m this session estimated (those not blocked on). */
  estimated: Field[];
  /** Share of the session's pairs estimated to be matches. */
  lambda: number;
}

/**
 * Documented fallback m probabilities (used when EM does not converge, and as EM's starting
 * point): what share of true matches fall in each level, from the noise agencies' records carry
 * (a few percent of names misspelt or given as a short form, family names changed by marriage,
 * a fraction of a percent of dates of birth mistyped, people moving house).
 */
export const PRIOR_M: LevelProbabilities = {
  // EXACT, HYPHENATED_PART (other forename), NICKNAME, JW >= 0.92, METAPHONE, JW >= 0.88, TRANSPOSED, ELSE
  givenName: [0.88, 0.01, 0.04, 0.03, 0.015, 0.005, 0.005, 0.015],
  // EXACT, HYPHENATED_PART, NICKNAME (never for family names), JW >= 0.92, METAPHONE, JW >= 0.88, TRANSPOSED, ELSE
  familyName: [0.75, 0.06, 0.0001, 0.02, 0.01, 0.005, 0.005, 0.1499],
  // EXACT, DAY_MONTH_TRANSPOSED, ONE_DIGIT_DIFFERENT, TEN_YEARS_APART, ELSE
  dateOfBirth: [0.98, 0.004, 0.008, 0.001, 0.007],
  // MATCH, MISMATCH
  sex: [0.995, 0.005],
  // FULL, SECTOR, ONE_CHARACTER, DISTRICT, ELSE
  postcode: [0.8, 0.04, 0.02, 0.04, 0.1],
  // EQUAL, DIFFERENT: fixed, never estimated. NHS numbers are issued once per person; a valid
  // but different number on a true match means a keying error that still passed Modulus 11.
  nhsNumber: [0.999, 0.001],
};

/** m is never estimated below this (a level seen in no match still may happen). */
export const MIN_M = 1e-4;
/** The smallest term frequency used for an exact name match. */
export const MIN_TF_U = 1e-6;

const GIVEN_NAME = FIELDS.indexOf("givenName");
const FAMILY_NAME = FIELDS.indexOf("familyName");
const NAME_TRANSPOSED = NAME_LEVELS.indexOf("TRANSPOSED");

/**
 * Whether field f of a comparison vector carries no weight of its own: a TRANSPOSED family name.
 * One comparison of both names sets both fields TRANSPOSED, and the given name's level (its u
 * measured on random pairs: how often two people's names agree crosswise) is already the
 * evidence of that one event; counting the family name's as well counted it twice (about 28
 * bits for a swap against about 15 for both names agreeing as held), enough to link two people
 * with swapped names and different dates of birth.
 */
export function countedWithGivenName(vector: readonly number[], f: number): boolean {
  return f === FAMILY_NAME && vector[FAMILY_NAME] === NAME_TRANSPOSED && vector[GIVEN_NAME] === NAME_TRANSPOSED;
}

/** A deterministic pseudo-random generator (mulberry32), so sampling gives the same u every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function emptyCounts(): Record<Field, number[]> {
  const out = {} as Record<Field, number[]>;
  for (const f of FIELDS) out[f] = LEVELS[f].map(() => 0);
  return out;
}

/**
 * u from random pairs, sampled deterministically (all pairs when there are few records): the
 * share of non-matching pairs in each level. A level never seen gets half a count, so no
 * weight is infinite.
 */
export function estimateU(features: readonly Features[], maxPairs = 200_000, seed = 20250601): LevelProbabilities {
  const counts = emptyCounts();
  const n = features.length;
  const add = (v: readonly number[]) => {
    for (let f = 0; f < FIELDS.length; f++) if (v[f] >= 0) counts[FIELDS[f]][v[f]]++;
  };
  const allPairs = (n * (n - 1)) / 2;
  if (allPairs <= maxPairs) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) add(compareFeatures(features[i], features[j]));
  } else {
    const random = seededRandom(seed);
    for (let k = 0; k < maxPairs; k++) {
      const i = Math.floor(random() * n);
      let j = Math.floor(random() * (n - 1));
      if (j >= i) j++;
      add(compareFeatures(features[i], features[j]));
    }
  }
  const u = {} as Record<Field, number[]>;
  for (const f of FIELDS) {
    const total = counts[f].reduce((s, c) => s + c, 0);
    u[f] = counts[f].map((c) => (total === 0 ? 1 / counts[f].length : Math.max(c, 0.5) / (total + 0.5)));
  }
  // NHS numbers are fixed, like their m: a sample of random pairs almost never shares one, so a
  // sampled u would only measure the sample's size (its half-count floor), not the number's worth.
  u.nhsNumber = [...PRIOR_U.nhsNumber];
  return u;
}

/** Term frequencies of a value over the records that hold one. */
export function termFrequencies(values: Iterable<string | null>): Map<string, number> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const v of values) {
    if (!v) continue;
    total++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const [v, c] of counts) out.set(v, c / total);
  return out;
}

/** Comparison vectors aggregated by pattern: EM works on distinct patterns and their counts. */
export class PatternCounts {
  readonly patterns = new Map<number, { vector: number[]; count: number }>();
  total = 0;

  add(vector: readonly number[], count = 1): void {
    // Levels run from -1 (missing) to 14: base 16 keeps every vector of up to 13 fields distinct
    // within a double's exact integers (base 8 let a name's ninth value, ELSE, collide).
    let key = 0;
    for (const l of vector) key = key * 16 + (l + 1);
    const p = this.patterns.get(key);
    if (p) p.count += count;
    else this.patterns.set(key, { vector: [...vector], count });
    this.total += count;
  }
}

export interface EmResult {
  m: Record<Field, number[]>;
  lambda: number;
  iterations: number;
  converged: boolean;
}

/**
 * Expectation maximisation of m (u fixed, from random pairs, as Splink does) over the pairs of
 * one blocking rule: fields the rule blocks on agree by construction, so they are left out of
 * the likelihood and their m is not estimated here.
 */
export function expectationMaximisation(
  counts: PatternCounts,
  u: LevelProbabilities,
  estimate: readonly Field[],
  options: { maxIterations?: number; tolerance?: number; startLambda?: number } = {},
): EmResult {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-5;
  const idx = estimate.map((f) => FIELDS.indexOf(f));
  const m = {} as Record<Field, number[]>;
  for (const f of FIELDS) m[f] = [...PRIOR_M[f]];
  let lambda = options.startLambda ?? 0.3;
  const patterns = [...counts.patterns.values()];
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const sums = emptyCounts();
    const totals = estimate.map(() => 0);
    let matched = 0;
    for (const { vector, count } of patterns) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (let k = 0; k < idx.length; k++) {
        const l = vector[idx[k]];
        if (l < 0 || countedWithGivenName(vector, idx[k])) continue;
        pm *= m[estimate[k]][l];
        pu *= u[estimate[k]][l];
      }
      const posterior = pm + pu > 0 ? pm / (pm + pu) : 0;
      const w = posterior * count;
      matched += w;
      for (let k = 0; k < idx.length; k++) {
        const l = vector[idx[k]];
        if (l < 0) continue;
        sums[estimate[k]][l] += w;
        totals[k] += w;
      }
    }
    let change = 0;
    estimate.forEach((f, k) => {
      if (totals[k] <= 0) return;
      const next = sums[f].map((s) => Math.max(s / totals[k], MIN_M));
      const norm = next.reduce((a, b) => a + b, 0);
      for (let l = 0; l < next.length; l++) {
        const v = next[l] / norm;
        change = Math.max(change, Math.abs(v - m[f][l]));
        m[f][l] = v;
      }
    });
    const nextLambda = counts.total > 0 ? matched / counts.total : 0;
    change = Math.max(change, Math.abs(nextLambda - lambda));
    lambda = nextLambda;
    if (change < tolerance) {
      const degenerate = lambda < 1e-6 || lambda > 1 - 1e-6;
      return { m, lambda, iterations: iteration, converged: !degenerate };
    }
  }
  return { m, lambda, iterations: maxIterations, converged: false };
}

export interface FieldEvidence {
  field: Field;
  /** The comparison level, or null when either record lacks the value. */
  level: string | null;
  /** log2(m/u) of the level (term-frequency adjusted for exact names); 0 when missing (and for a family name TRANSPOSED with the given name: countedWithGivenName). */
  weight: number;
}

export interface PairScore {
  /** Prior log-odds plus the field weights (bits). */
  weight: number;
  /** Match probability, 0..1. */
  probability: number;
  evidence: FieldEvidence[];
}

/** Weight of one field's level, term-frequency adjusted for exact names. */
function fieldWeight(model: MatchModel, f: number, level: number, a: Features): number {
  const field = FIELDS[f];
  const m = model.m[field][level];
  let u = model.u[field][level];
  if (level === 0 && (field === "givenName" || field === "familyName")) {
    const value = field === "givenName" ? a.given : a.family;
    const tf = value ? model.tf[field].get(value) : undefined;
    if (tf !== undefined) u = Math.max(tf, MIN_TF_U);
  }
  return Math.log2(m / u);
}

export const priorWeight = (model: MatchModel) => Math.log2(model.prior / (1 - model.prior));

export const probabilityOf = (weight: number) => 1 / (1 + Math.pow(2, -weight));

/**
 * A model's weights worked out once: log2(m/u) per field and level, and per name value the
 * term-frequency adjusted weight of an exact match. Scoring runs for every compared pair (tens of
 * millions in a large borough), so it looks weights up rather than taking logarithms. Models are
 * not changed once built; the tables live as long as their model.
 */
interface WeightTables {
  prior: number;
  levels: readonly Float64Array[];
  exactGiven: Map<string, number>;
  exactFamily: Map<string, number>;
}

const weightTables = new WeakMap<MatchModel, WeightTables>();

function tablesOf(model: MatchModel): WeightTables {
  let tables = weightTables.get(model);
  if (!tables) {
    tables = {
      prior: priorWeight(model),
      levels: FIELDS.map((field) => Float64Array.from(model.m[field], (m, l) => Math.log2(m / model.u[field][l]))),
      exactGiven: new Map(),
      exactFamily: new Map(),
    };
    weightTables.set(model, tables);
  }
  return tables;
}

const GIVEN = FIELDS.indexOf("givenName");
const FAMILY = FIELDS.indexOf("familyName");

function exactNameWeight(model: MatchModel, tables: WeightTables, f: number, a: Features): number {
  const value = f === GIVEN ? a.given : a.family;
  if (!value) return tables.levels[f][0];
  const memo = f === GIVEN ? tables.exactGiven : tables.exactFamily;
  let w = memo.get(value);
  if (w === undefined) {
    w = fieldWeight(model, f, 0, a);
    memo.set(value, w);
  }
  return w;
}

/** Match weight of a comparison vector (no evidence objects: the hot path). */
export function weightOfVector(model: MatchModel, vector: readonly number[], a: Features): number {
  const tables = tablesOf(model);
  let w = tables.prior;
  for (let f = 0; f < vector.length; f++) {
    const level = vector[f];
    if (level < 0 || countedWithGivenName(vector, f)) continue;
    w += level === 0 && (f === GIVEN || f === FAMILY) ? exactNameWeight(model, tables, f, a) : tables.levels[f][level];
  }
  return w;
}

export function scoreVector(model: MatchModel, vector: readonly number[], a: Features): PairScore {
  const evidence: FieldEvidence[] = FIELDS.map((field, f) =>
    vector[f] < 0
      ? { field, level: null, weight: 0 }
      : {
          field,
          level: LEVELS[field][vector[f]],
          weight: countedWithGivenName(vector, f) ? 0 : round(fieldWeight(model, f, vector[f], a)),
        },
  );
  const weight = weightOfVector(model, vector, a);
  return { weight: round(weight), probability: probabilityOf(weight), evidence };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function scoreFeatures(a: Features, b: Features, model: MatchModel): PairScore {
  return scoreVector(model, compareFeatures(a, b), a);
}

/**
 * Documented u for small inputs (too few records to sample or train on): typical shares of
 * random pairs of people in one borough in each level (a common given name is shared by about 1
 * pair in 100, a date of birth by about 1 in 15,000, a full postcode by about 1 in 10,000).
 */
export const PRIOR_U: LevelProbabilities = {
  givenName: [0.01, 0.001, 0.0005, 0.003, 0.003, 0.005, 0.00001, 0.97749],
  familyName: [0.005, 0.001, 0.00001, 0.002, 0.003, 0.004, 0.00001, 0.98498],
  // Ten years or more apart: about half of random pairs (a child and an adult).
  dateOfBirth: [0.00007, 0.000002, 0.002, 0.5, 0.497928],
  sex: [0.5, 0.5],
  postcode: [0.0001, 0.005, 0.0005, 0.1, 0.8944],
  nhsNumber: [1e-9, 1 - 1e-9],
};

/** The model used when there are too few records to estimate one: PRIOR_M, PRIOR_U, no term frequencies. */
export function priorModel(prior = 1e-4): MatchModel {
  const mSource = {} as Record<Field, "em" | "prior">;
  for (const f of FIELDS) mSource[f] = "prior";
  return { m: PRIOR_M, u: PRIOR_U, prior, tf: { givenName: new Map(), familyName: new Map() }, mSource, training: [] };
}
