import {
  compareAddresses,
  compareFamilyNames,
  compareFeatures,
  FIELDS,
  LEVELS,
  NAME_LEVELS,
  type Features,
  type Field,
} from "./compare";

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
  /**
   * u of the address levels among pairs whose postcodes agree in full (addressUGivenPostcode);
   * absent: PRIOR_U_ADDRESS_SAME_POSTCODE.
   */
  uAddressSamePostcode?: readonly number[];
  /** The same among pairs whose family names agree too (addressUGivenPostcode(..., true)). */
  uAddressSamePostcodeAndFamily?: readonly number[];
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
  // EXACT, DAY_MONTH_TRANSPOSED, ONE_DIGIT_DIFFERENT, TEN_YEARS_APART, ELSE. A wholly different
  // date within ten years is rarer on one person's records than a one-digit slip (0.4%): since
  // TEN_YEARS_APART took about half of random pairs from ELSE's u, this keeps ELSE the evidence
  // against it was (about -7 bits), so two namesakes at one address born years apart stay two.
  dateOfBirth: [0.983, 0.004, 0.008, 0.001, 0.004],
  // MATCH, MISMATCH
  sex: [0.995, 0.005],
  // FULL, SECTOR, ONE_CHARACTER, DISTRICT, ELSE
  postcode: [0.8, 0.04, 0.02, 0.04, 0.1],
  // EQUAL, DIFFERENT: fixed, never estimated. NHS numbers are issued once per person; a valid
  // but different number on a true match means a keying error that still passed Modulus 11.
  nhsNumber: [0.999, 0.001],
  // EXACT, TOKENS_MOST, TOKENS_SOME, ELSE: about as often as the postcode agrees (people move;
  // a flat or a house name held one way and not the other).
  address: [0.7, 0.12, 0.04, 0.14],
  // AGREE, DISAGREE: estimated by EM like the others (an `id_<name>` column of a council's file
  // may be a good person-level number or a poor one); this is EM's start and the small-file value.
  identifiers: [0.97, 0.03],
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
  const counts = new LevelCounts();
  const n = features.length;
  const allPairs = (n * (n - 1)) / 2;
  if (allPairs <= maxPairs) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) counts.add(compareFeatures(features[i], features[j]));
  } else {
    const random = seededRandom(seed);
    for (let k = 0; k < maxPairs; k++) {
      const i = Math.floor(random() * n);
      let j = Math.floor(random() * (n - 1));
      if (j >= i) j++;
      counts.add(compareFeatures(features[i], features[j]));
    }
  }
  // NHS numbers are fixed, like their m: a sample of random pairs almost never shares one, so a
  // sampled u would only measure the sample's size (its half-count floor), not the number's worth.
  return counts.u((f) => LEVELS[f].map(() => 1 / LEVELS[f].length), PRIOR_U.nhsNumber);
}

/** How often each field's levels occur over some pairs of records: the counts u is estimated from. */
export class LevelCounts {
  private readonly counts = emptyCounts();
  /** Pairs added. */
  pairs = 0;

  add(vector: readonly number[]): void {
    for (let f = 0; f < FIELDS.length; f++) if (vector[f] >= 0) this.counts[FIELDS[f]][vector[f]]++;
    this.pairs++;
  }

  /**
   * Each level's share of the pairs holding the field (a level never seen counts half, so no
   * weight is infinite); `unheld(f)` for a field no pair held; NHS numbers are given, never counted.
   */
  u(unheld: (f: Field) => number[], nhsNumber: readonly number[]): Record<Field, number[]> {
    const u = {} as Record<Field, number[]>;
    for (const f of FIELDS) {
      const total = this.counts[f].reduce((s, c) => s + c, 0);
      u[f] = total === 0 ? unheld(f) : this.counts[f].map((c) => Math.max(c, 0.5) / (total + 0.5));
    }
    u.nhsNumber = [...nhsNumber];
    return u;
  }
}

const POSTCODE = FIELDS.indexOf("postcode");
/** Postcode levels at which the address is weighed against the postcode's other people: missing, FULL, SECTOR, ONE_CHARACTER. */
const POSTCODE_NOT_DIFFERENT = new Set([-1, 0, 1, 2]);
const ADDRESS = FIELDS.indexOf("address");
const FAMILY = FIELDS.indexOf("familyName");
/** Family name levels that agree (EXACT to JARO_WINKLER_88; not TRANSPOSED, not ELSE). */
const familyAgrees = (level: number) => level >= 0 && level < NAME_LEVELS.indexOf("TRANSPOSED");

/**
 * u of the address levels for pairs whose postcodes do not differ (FULL, SECTOR, ONE_CHARACTER,
 * or one missing), estimated among pairs sharing a full postcode: the address and the postcode
 * are not independent (one household shares both), so where the postcode already agrees the
 * address is weighed against other people at that postcode, not against the whole file.
 * Without it a mother and her baby at one address gained the postcode's weight twice over and
 * were linked (precision fell from 0.98 to 0.66 on the measured council file). Documented value
 * for small files: a postcode holds about fifteen addresses on one or two streets, so two of its
 * people share a house about one time in ten and a street most times.
 */
export const PRIOR_U_ADDRESS_SAME_POSTCODE: readonly number[] = [0.1, 0.05, 0.6, 0.25];
/**
 * The same for pairs whose family names agree too: the address and the family name are not
 * independent either (a household shares both), so two people of one surname at one postcode
 * are mostly one household. Documented value for small files: they share a house about two
 * times in three.
 */
export const PRIOR_U_ADDRESS_SAME_POSTCODE_AND_FAMILY: readonly number[] = [0.65, 0.1, 0.2, 0.05];

/**
 * addressUGivenPostcode: the address levels of pairs sharing a full postcode (both holding an
 * address), sampled from the postcode's records (blocks over 400 skipped), at most maxPairs;
 * PRIOR_U_ADDRESS_SAME_POSTCODE when fewer than 100 such pairs. True matches are among them too,
 * which makes u of the agreeing levels larger (their weight smaller): the cautious side.
 */
export function addressUGivenPostcode(
  features: readonly Features[],
  maxPairs = 200_000,
  seed = 20250601,
  sameFamily = false,
): readonly number[] {
  const prior = sameFamily ? PRIOR_U_ADDRESS_SAME_POSTCODE_AND_FAMILY : PRIOR_U_ADDRESS_SAME_POSTCODE;
  const byPostcode = new Map<string, number[]>();
  features.forEach((f, i) => {
    if (!f.postcode || !f.address) return;
    const b = byPostcode.get(f.postcode);
    if (b) b.push(i);
    else byPostcode.set(f.postcode, [i]);
  });
  const blocks = [...byPostcode.values()].filter((b) => b.length >= 2 && b.length <= 400);
  const total = blocks.reduce((s, b) => s + (b.length * (b.length - 1)) / 2, 0);
  if (total < 100) return prior;
  const keep = Math.min(1, maxPairs / total);
  const random = seededRandom(seed + 2);
  const counts = LEVELS.address.map(() => 0);
  for (const b of blocks)
    for (let x = 0; x < b.length; x++)
      for (let y = x + 1; y < b.length; y++) {
        if (keep < 1 && random() >= keep) continue;
        if (sameFamily && !familyAgrees(compareFamilyNames(features[b[x]], features[b[y]]))) continue;
        counts[compareAddresses(features[b[x]], features[b[y]])]++;
      }
  const sum = counts.reduce((s, c) => s + c, 0);
  if (sum < 100) return prior;
  return counts.map((c) => Math.max(c, 0.5) / (sum + 0.5));
}

/**
 * u of a field's level in a pair's vector; the address's, where the postcodes do not differ, among
 * the pairs sharing a postcode (and a family name, when the pair's family names agree).
 */
function uOf(
  u: LevelProbabilities,
  conditional: Pick<MatchModel, "uAddressSamePostcode" | "uAddressSamePostcodeAndFamily">,
  f: number,
  vector: readonly number[],
) {
  if (f === ADDRESS && POSTCODE_NOT_DIFFERENT.has(vector[POSTCODE]))
    return familyAgrees(vector[FAMILY])
      ? (conditional.uAddressSamePostcodeAndFamily ?? PRIOR_U_ADDRESS_SAME_POSTCODE_AND_FAMILY)[vector[f]]
      : (conditional.uAddressSamePostcode ?? PRIOR_U_ADDRESS_SAME_POSTCODE)[vector[f]];
  return u[FIELDS[f]][vector[f]];
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
  options: {
    maxIterations?: number;
    tolerance?: number;
    startLambda?: number;
    /** u of the address levels where the postcodes do not differ (see addressUGivenPostcode). */
    uAddressSamePostcode?: readonly number[];
    uAddressSamePostcodeAndFamily?: readonly number[];
  } = {},
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
        pu *= uOf(u, options, idx[k], vector);
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

/** Weight of one field's level, term-frequency adjusted for exact names (the address's u conditional on the postcode). */
function fieldWeight(model: MatchModel, f: number, vector: readonly number[], a: Features): number {
  const field = FIELDS[f];
  const level = vector[f];
  const m = model.m[field][level];
  let u = uOf(model.u, model, f, vector);
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

function exactNameWeight(
  model: MatchModel,
  tables: WeightTables,
  f: number,
  vector: readonly number[],
  a: Features,
): number {
  const value = f === GIVEN ? a.given : a.family;
  if (!value) return tables.levels[f][0];
  const memo = f === GIVEN ? tables.exactGiven : tables.exactFamily;
  let w = memo.get(value);
  if (w === undefined) {
    w = fieldWeight(model, f, vector, a);
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
    if (level === 0 && (f === GIVEN || f === FAMILY)) w += exactNameWeight(model, tables, f, vector, a);
    // The address's u depends on the postcode's and family name's levels: looked up each time.
    else if (f === ADDRESS) w += fieldWeight(model, f, vector, a);
    else w += tables.levels[f][level];
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
          weight: countedWithGivenName(vector, f) ? 0 : round(fieldWeight(model, f, vector, a)),
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
  // A household's address is narrower than its postcode; a street shares most of its words.
  address: [0.00005, 0.0001, 0.003, 0.99685],
  // A person-level number shared by two different people only by a keying error.
  identifiers: [0.00001, 0.99999],
};

/** The model used when there are too few records to estimate one: PRIOR_M, PRIOR_U, no term frequencies. */
export function priorModel(prior = 1e-4): MatchModel {
  const mSource = {} as Record<Field, "em" | "prior">;
  for (const f of FIELDS) mSource[f] = "prior";
  return { m: PRIOR_M, u: PRIOR_U, prior, tf: { givenName: new Map(), familyName: new Map() }, mSource, training: [] };
}
