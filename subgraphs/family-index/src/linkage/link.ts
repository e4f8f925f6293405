import { forEachCandidatePair, PREDICTION_BLOCKING, type BlockingStats } from "./blocking";
import {
  compareDatesOfBirth,
  compareFeatures,
  DATE_OF_BIRTH_LEVELS,
  dateOfBirthShaped,
  differentTwins,
  featuresOf,
  forenamesMayAgree,
  type Features,
} from "./compare";
import { personIdFor } from "./ids";
import {
  priorModel,
  probabilityOf,
  scoreFeatures,
  scoreVector,
  weightOfVector,
  type FieldEvidence,
  type MatchModel,
  type PairScore,
} from "./model";
import { DEFAULT_THRESHOLDS, trainModel, type Thresholds, type TrainOptions } from "./probabilistic";
import { DETERMINISTIC_RULES, type LinkageRule } from "./rules";
import { UnionFind } from "./union-find";
import {
  AGENCY_ORDER,
  type LinkageRecord,
  type LinkedPerson,
  type LinkedRecord,
  type RecordKey,
  type RecordLink,
  type ReviewDecision,
  type SourceName,
} from "./types";
import { AGENCY_SERVICES, type Agency, type AgencyEntry, type SexCode } from "@ffd/shared";

/**
 * Where demographics are taken from first, by each agency's `demographicsRank` in the service
 * registry: registration, then maternity, health visiting, centres.
 */
export function demographicsPreference(agencies: readonly AgencyEntry[] = AGENCY_SERVICES): readonly string[] {
  return [...agencies].sort((a, b) => a.demographicsRank - b.demographicsRank).map((a) => a.name);
}
export const DEMOGRAPHICS_PREFERENCE = demographicsPreference() as readonly Agency[];

const agencyRank: ReadonlyMap<SourceName, number> = new Map(AGENCY_ORDER.map((a, i) => [a, i]));
const preferenceRank: ReadonlyMap<SourceName, number> = new Map(DEMOGRAPHICS_PREFERENCE.map((a, i) => [a, i]));

const byString = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Two sources in a fixed order given by `rank`: the known agencies by their rank, then any other
 * source (a council's own file: `linkage:eval --csv`) after all of them, by name.
 */
function compareSources(rank: ReadonlyMap<SourceName, number>, x: SourceName, y: SourceName): number {
  if (x === y) return 0;
  const rx = rank.get(x) ?? rank.size;
  const ry = rank.get(y) ?? rank.size;
  return rx !== ry ? rx - ry : byString(x, y);
}

/** Records in the fixed order: source (the agencies in AGENCY_ORDER, then other sources by name), then local id. */
export function compareRecords(
  x: { agency: SourceName; localId: string },
  y: { agency: SourceName; localId: string },
): number {
  return compareSources(agencyRank, x.agency, y.agency) || byString(x.localId, y.localId);
}

/** How strongly a link explains why a record belongs to its person: rules first, reviewers last. */
const EXPLANATION_ORDER: Record<RecordLink["rule"], number> = {
  NHS_NUMBER_AND_DATE_OF_BIRTH: 0,
  NAME_DATE_OF_BIRTH_AND_POSTCODE: 1,
  PROBABILISTIC: 2,
  REVIEWED_SAME_PERSON: 3,
};

export interface PersonGroup<S extends SourceName = Agency> {
  person: Omit<LinkedPerson, "familyId">;
  records: LinkageRecord<S>[];
}

/** A pair the model is unsure about (match probability between the thresholds): for human review. */
export interface LinkCandidate {
  a: RecordKey;
  b: RecordKey;
  probability: number;
  /** Match weight in bits (prior log-odds plus the field weights). */
  weight: number;
  evidence: FieldEvidence[];
}

export interface LinkStats {
  records: number;
  /** Pairs scored by the probabilistic model, per blocking rule. */
  blocking: BlockingStats | null;
  /** Links refused because the two sides hold different valid NHS numbers. */
  refusedNhsConflict: number;
  /** Probabilistic links refused (and offered for review) because they would make one person of two twins (differentTwins). */
  refusedTwins: number;
  /** Probabilistic links refused (and offered for review) because the two people hold dates of birth ten years or more apart (birthDatesGuard). */
  refusedBirthDates: number;
  probabilisticLinks: number;
}

export interface LinkResult<S extends SourceName = Agency> {
  persons: PersonGroup<S>[];
  /** Records with the person they belong to and why. */
  records: LinkedRecord<S>[];
  /** Links refused because a reviewer kept the two sides apart. */
  refused: number;
  /** The links that joined records (rule, confidence; probabilistic ones with weight and evidence). */
  links: RecordLink[];
  /** Uncertain pairs for review, most likely first (empty without probabilistic linkage). */
  candidates: LinkCandidate[];
  /** The model used (null without probabilistic linkage). */
  model: MatchModel | null;
  stats: LinkStats;
}

export interface ProbabilisticOptions {
  /** Default DEFAULT_THRESHOLDS. */
  thresholds?: Thresholds;
  /** A model to score with; default: estimated from these records (priorModel() below MIN_TRAINING_RECORDS). */
  model?: MatchModel;
  maxBlockSize?: number;
  training?: Omit<TrainOptions, "deterministicPairs">;
}

export interface LinkOptions {
  /** Fellegi-Sunter scoring after the rules; off when absent or false. */
  probabilistic?: ProbabilisticOptions | boolean;
}

/** Below this many records the model is not estimated from the data (too few pairs): priorModel() is used. */
export const MIN_TRAINING_RECORDS = 2000;

/** Valid NHS numbers a person's records hold, with the agency holding each. */
type NhsHeld = { agency: string; nhs: string }[];

function nhsConflict(x: NhsHeld | undefined, y: NhsHeld | undefined, anyAgency: boolean): boolean {
  if (!x || !y) return false;
  for (const a of x) for (const b of y) if (a.nhs !== b.nhs && (anyAgency || a.agency === b.agency)) return true;
  return false;
}

/** Each record's set in `sets` as a number (records in the same set share it). */
function personNumbers(records: readonly { key: RecordKey }[], sets: UnionFind): Int32Array {
  const numberOf = new Map<RecordKey, number>();
  const out = new Int32Array(records.length);
  records.forEach((r, i) => {
    const root = sets.find(r.key);
    let n = numberOf.get(root);
    if (n === undefined) numberOf.set(root, (n = numberOf.size));
    out[i] = n;
  });
  return out;
}

/**
 * Links records into people: every rule proposes links, reviewers' "same person" decisions
 * are added, "not the same person" decisions are enforced, and the connected components are
 * the people (across agencies and within one agency alike). With `probabilistic`, pairs the
 * rules left apart are then blocked, scored (Fellegi-Sunter) and linked at or above the link
 * threshold, strongest first; pairs between the thresholds are returned as candidates.
 *
 * Never joined automatically: two records a reviewer kept apart (NOT_SAME_PERSON, also through
 * other records); two people holding different valid NHS numbers from the same agency (any
 * rule); two people holding different valid NHS numbers at all (probabilistic links).
 */
export function linkRecords<S extends SourceName = Agency>(
  input: readonly LinkageRecord<S>[],
  rules: readonly LinkageRule[],
  decisions: readonly ReviewDecision[] = [],
  options: LinkOptions = {},
): LinkResult<S> {
  // One record per key, in the fixed order, so anchors and tie-breaks never depend on feed order.
  const seen = new Set<RecordKey>();
  const records = [...input]
    .sort((x, y) => compareRecords(x, y))
    .filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
  seen.clear(); // closures below share this scope: do not keep a million keys alive
  const byKey = new Map(records.map((r) => [r.key, r]));

  const sets = new UnionFind();
  for (const r of records) sets.add(r.key);
  /** Valid NHS numbers held by each joined person (by root); a single record's are its own. */
  const nhsOfJoined = new Map<RecordKey, NhsHeld>();
  const nhsOf = (root: RecordKey): NhsHeld | undefined => {
    const joined = nhsOfJoined.get(root);
    if (joined) return joined;
    const r = byKey.get(root)!;
    return r.validNhsNumber ? [{ agency: r.agency, nhs: r.validNhsNumber }] : undefined;
  };
  const decided = new Set<string>();
  for (const d of decisions) {
    if (!byKey.has(d.a) || !byKey.has(d.b)) continue;
    decided.add(pairKey(d.a, d.b));
    if (d.decision === "NOT_SAME_PERSON") sets.keepApart(d.a, d.b);
  }

  const stats: LinkStats = {
    records: records.length,
    blocking: null,
    refusedNhsConflict: 0,
    refusedTwins: 0,
    refusedBirthDates: 0,
    probabilisticLinks: 0,
  };
  /** Per record, the link that best explains why it belongs to its person. */
  const why = new Map<RecordKey, RecordLink>();
  const accepted: RecordLink[] = [];
  let refused = 0;
  /** Joins the two records' people; false when refused. */
  const join = (link: RecordLink, nhsCheck: "none" | "agency" | "any"): boolean => {
    if (link.a === link.b) return false;
    const ra = sets.find(link.a);
    const rb = sets.find(link.b);
    if (ra === rb) {
      record(link);
      return true;
    }
    if (nhsCheck !== "none" && nhsConflict(nhsOf(ra), nhsOf(rb), nhsCheck === "any")) {
      stats.refusedNhsConflict++;
      return false;
    }
    if (!sets.union(link.a, link.b)) {
      refused++;
      return false;
    }
    const root = sets.find(link.a);
    const held = [...(nhsOf(ra) ?? []), ...(nhsOf(rb) ?? [])];
    nhsOfJoined.delete(ra);
    nhsOfJoined.delete(rb);
    if (held.length) nhsOfJoined.set(root, dedupe(held));
    record(link);
    return true;
  };
  const record = (link: RecordLink) => {
    accepted.push(link);
    for (const k of [link.a, link.b]) {
      const best = why.get(k);
      if (!best || explainsBetter(link, best)) why.set(k, link);
    }
  };

  for (const d of decisions) {
    if (d.decision === "SAME_PERSON" && byKey.has(d.a) && byKey.has(d.b))
      join({ a: d.a, b: d.b, rule: "REVIEWED_SAME_PERSON", confidence: 1 }, "none");
  }
  for (const rule of [...rules].sort((x, y) => y.confidence - x.confidence))
    for (const link of rule.links(records)) join(link, "agency");

  let candidates: LinkCandidate[] = [];
  let model: MatchModel | null = null;
  if (options.probabilistic) {
    const p = options.probabilistic === true ? {} : options.probabilistic;
    const thresholds = p.thresholds ?? DEFAULT_THRESHOLDS;
    const features = records.map(featuresOf);
    model =
      p.model ??
      (records.length < MIN_TRAINING_RECORDS
        ? priorModel()
        : trainModel(features, { ...p.training, deterministicPairs: pairsWithin(sets.groups()) }));
    // Less a hair: a probability turned back into a weight may round above the weight it came
    // from, and a pair exactly at the review threshold is a candidate.
    const minWeight = Math.log2(thresholds.review / (1 - thresholds.review)) - 1e-9;
    const scored: { i: number; j: number; weight: number }[] = [];
    const scoring = model;
    // Nobody is joined while pairs are scored, so each record's person is numbered once here
    // rather than looked up by key twice for every compared pair.
    const personOf = personNumbers(records, sets);
    stats.blocking = forEachCandidatePair(
      features,
      PREDICTION_BLOCKING,
      (i, j) => {
        if (personOf[i] === personOf[j]) return;
        const weight = weightOfVector(scoring, compareFeatures(features[i], features[j]), features[i]);
        if (weight >= minWeight) scored.push({ i, j, weight });
      },
      p.maxBlockSize,
    );
    // Strongest first, ties in record order, so the result never depends on feed order.
    scored.sort((x, y) => y.weight - x.weight || x.i - y.i || x.j - y.j);
    const twins = twinsGuard(features, records, sets);
    const births = birthDatesGuard(byKey, sets);
    const review: typeof scored = [];
    for (const s of scored) {
      const a = records[s.i].key;
      const b = records[s.j].key;
      const probability = probabilityOf(s.weight);
      if (probability < thresholds.link || decided.has(pairKey(a, b))) {
        review.push(s);
        continue;
      }
      if (twins.apart(a, b)) {
        stats.refusedTwins++;
        review.push(s);
        continue;
      }
      if (births.apart(a, b)) {
        stats.refusedBirthDates++;
        review.push(s);
        continue;
      }
      const score = scoreVector(scoring, compareFeatures(features[s.i], features[s.j]), features[s.i]);
      const link: RecordLink = {
        a,
        b,
        rule: "PROBABILISTIC",
        confidence: round6(probability),
        weight: score.weight,
        evidence: score.evidence,
      };
      const ra = sets.find(a);
      const rb = sets.find(b);
      if (ra !== rb && join(link, "any")) {
        stats.probabilisticLinks++;
        const root = sets.find(a);
        twins.joined(ra, rb, root);
        births.joined(ra, rb, root);
      }
    }
    candidates = review
      .filter((s) => {
        const a = records[s.i].key;
        const b = records[s.j].key;
        return !decided.has(pairKey(a, b)) && sets.find(a) !== sets.find(b);
      })
      .map((s) => {
        const score = scoreVector(scoring, compareFeatures(features[s.i], features[s.j]), features[s.i]);
        return {
          a: records[s.i].key,
          b: records[s.j].key,
          probability: round6(score.probability),
          weight: score.weight,
          evidence: score.evidence,
        };
      });
    // Free the per-record features and scores before building the people (peak memory).
    features.length = 0;
    scored.length = 0;
  }

  const persons: PersonGroup<S>[] = [];
  const linked: LinkedRecord<S>[] = [];
  for (const keys of sets.groups()) {
    // Groups keep insertion order, which is the fixed record order: the first key is the anchor.
    const members = keys.map((k) => byKey.get(k)!);
    const anchor = members[0];
    const id = personIdFor(anchor.key);
    persons.push({ person: { id, anchor: anchor.key, ...demographicsOf(members) }, records: members });
    for (const r of members) {
      const link = r === anchor ? null : (why.get(r.key) ?? null);
      linked.push({
        agency: r.agency,
        localId: r.localId,
        personId: id,
        rule: link ? link.rule : "ANCHOR",
        confidence: link ? link.confidence : 1,
        linkedTo: link ? (link.a === r.key ? link.b : link.a) : null,
        nhsNumber: r.source.nhsNumber ? r.source.nhsNumber.replace(/[\s-]/g, "") : null,
        givenName: r.source.givenName,
        familyName: r.source.familyName,
        dateOfBirth: r.source.dateOfBirth,
        sex: r.source.sex,
        postcode: r.postcode,
        householdId: r.source.householdId ?? null,
        careUnit: r.source.careUnit ?? null,
      });
    }
  }
  return { persons, records: linked, refused, links: accepted, candidates, model, stats };
}

/**
 * The full linkage (deterministic rules, reviewers' decisions, then Fellegi-Sunter scoring): the
 * entry point for the indexer, the evaluation and the benchmark.
 */
export function linkIdentities<S extends SourceName = Agency>(
  records: readonly LinkageRecord<S>[],
  decisions: readonly ReviewDecision[] = [],
  options: ProbabilisticOptions & { rules?: readonly LinkageRule[] } = {},
): LinkResult<S> {
  const { rules, ...probabilistic } = options;
  return linkRecords(records, rules ?? DETERMINISTIC_RULES, decisions, { probabilistic });
}

/** Scores one pair of records (for search: a query as a LinkageRecord against a person's records). */
export function scorePair(a: LinkageRecord<SourceName>, b: LinkageRecord<SourceName>, model: MatchModel): PairScore {
  return scoreFeatures(featuresOf(a), featuresOf(b), model);
}

/**
 * Keeps twins apart: a probabilistic link is refused when the two people it would join hold two
 * records of different children of one multiple birth, directly or through a record that agrees
 * with both (a baby booked without a forename): two records of differentTwins, with no two
 * records of theirs born the same day whose forenames may agree; or two records of one agency
 * born the same day and both without a forename (an agency books each baby of a birth once: in
 * the generated boroughs such a pair is one person 4 times in about 3,500).
 * Only records that may be in such a pair are tracked, by person.
 */
function twinsGuard(features: readonly Features[], records: readonly LinkageRecord<SourceName>[], sets: UnionFind) {
  const namedKey = (f: Features) =>
    f.given && f.dateOfBirth && f.familyMetaphone ? `${f.dateOfBirth}|${f.familyMetaphone}` : null;
  const unnamedKey = (f: Features, i: number) =>
    !f.given && f.dateOfBirth ? `${records[i].agency}|${f.dateOfBirth}` : null;
  /** Per key, the first forename seen (unnamed: ""), and the keys holding more than one. */
  const first = new Map<string, string>();
  const tracked = new Set<string>();
  features.forEach((f, i) => {
    const k = namedKey(f) ?? unnamedKey(f, i);
    if (k === null) return;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, f.given ?? "");
    else if (seen !== (f.given ?? "") || !f.given) tracked.add(k);
  });
  first.clear();
  /** Per person (root), the tracked records' indexes. */
  const held = new Map<RecordKey, number[]>();
  features.forEach((f, i) => {
    const k = namedKey(f) ?? unnamedKey(f, i);
    if (k === null || !tracked.has(k)) return;
    const root = sets.find(records[i].key);
    const list = held.get(root);
    if (list) list.push(i);
    else held.set(root, [i]);
  });
  tracked.clear();
  return {
    apart(a: RecordKey, b: RecordKey): boolean {
      const ra = sets.find(a);
      const rb = sets.find(b);
      if (ra === rb) return false;
      const xs = held.get(ra);
      const ys = held.get(rb);
      if (!xs || !ys) return false;
      let twins = false;
      for (const x of xs)
        for (const y of ys) {
          const fx = features[x];
          const fy = features[y];
          if (fx.dateOfBirth !== fy.dateOfBirth) continue;
          if (fx.given && fy.given) {
            // A slip in one record leaves others agreeing: then they are one child after all.
            if (forenamesMayAgree(fx, fy)) return false;
            if (differentTwins(fx, fy)) twins = true;
          } else if (!fx.given && !fy.given && records[x].agency === records[y].agency) twins = true;
        }
      return twins;
    },
    joined(ra: RecordKey, rb: RecordKey, root: RecordKey): void {
      const both = [...(held.get(ra) ?? []), ...(held.get(rb) ?? [])];
      held.delete(ra);
      held.delete(rb);
      if (both.length) held.set(root, both);
    },
  };
}

const TEN_YEARS_APART = DATE_OF_BIRTH_LEVELS.indexOf("TEN_YEARS_APART");

/**
 * Keeps a parent and a child of one name apart: a probabilistic link is refused when the two
 * people it would join hold dates of birth ten years or more apart (TEN_YEARS_APART), as when a
 * record without a date of birth agrees with both a mother and her daughter. A person the rules
 * joined holds one date of birth (each rule requires it); the dates of people joined here are kept.
 */
function birthDatesGuard(byKey: ReadonlyMap<RecordKey, LinkageRecord<SourceName>>, sets: UnionFind) {
  const held = new Map<RecordKey, string[]>();
  const datesOf = (root: RecordKey): readonly string[] => {
    const joined = held.get(root);
    if (joined) return joined;
    const own = dateOfBirthShaped(byKey.get(root)!.source.dateOfBirth);
    return own ? [own] : [];
  };
  return {
    apart(a: RecordKey, b: RecordKey): boolean {
      const ra = sets.find(a);
      const rb = sets.find(b);
      if (ra === rb) return false;
      const xs = datesOf(ra);
      const ys = datesOf(rb);
      return xs.some((x) => ys.some((y) => compareDatesOfBirth(x, y) === TEN_YEARS_APART));
    },
    joined(ra: RecordKey, rb: RecordKey, root: RecordKey): void {
      const dates = [...new Set([...datesOf(ra), ...datesOf(rb)])];
      held.delete(ra);
      held.delete(rb);
      if (dates.length) held.set(root, dates);
    },
  };
}

const pairKey = (a: RecordKey, b: RecordKey) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function dedupe(held: NhsHeld): NhsHeld {
  const seen = new Set<string>();
  return held.filter((h) => {
    const k = `${h.agency}|${h.nhs}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** Pairs of records within the groups: sum of n(n-1)/2. */
function pairsWithin(groups: readonly (readonly unknown[])[]): number {
  let pairs = 0;
  for (const g of groups) pairs += (g.length * (g.length - 1)) / 2;
  return pairs;
}

/** Whether a link explains a record's membership better: higher confidence, then the stronger rule. */
function explainsBetter(link: RecordLink, than: RecordLink): boolean {
  return (
    link.confidence > than.confidence ||
    (link.confidence === than.confidence && EXPLANATION_ORDER[link.rule] < EXPLANATION_ORDER[than.rule])
  );
}

/**
 * A person's demographics from their records: the NHS number and the postcode are the ones held
 * most often (the NHS number only when valid; ties: the preferred agency's); names, date of
 * birth and sex come from the first record holding a value, in DEMOGRAPHICS_PREFERENCE order
 * (other sources after the agencies, by name; nulls ignored, so a baby booked without a forename takes the registered one). A known sex
 * beats UNKNOWN. The postcode is counted rather than taken from the preferred agency because it
 * is the one demographic that changes: the feeds carry no dates to say which is newest, and a
 * family that moved is recorded at the new address by each agency that still sees them, while
 * the register keeps the address at registration.
 */
export function demographicsOf(
  records: readonly LinkageRecord<SourceName>[],
): Omit<LinkedPerson, "id" | "anchor" | "familyId"> {
  const preferred = [...records].sort(
    (x, y) => compareSources(preferenceRank, x.agency, y.agency) || compareRecords(x, y),
  );
  const first = <T>(pick: (r: LinkageRecord<SourceName>) => T | null | undefined): T | null => {
    for (const r of preferred) {
      const v = pick(r);
      if (v !== null && v !== undefined && v !== "") return v;
    }
    return null;
  };
  // Counted in preference order, so a tie goes to the value the preferred agency holds.
  const mostCommon = (pick: (r: LinkageRecord<SourceName>) => string | null): string | null => {
    const counts = new Map<string, number>();
    for (const r of preferred) {
      const v = pick(r);
      if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    let best: string | null = null;
    for (const [v, c] of counts) if (best === null || c > counts.get(best)!) best = v;
    return best;
  };
  const knownSex = first<SexCode>((r) => (r.source.sex && r.source.sex !== "UNKNOWN" ? r.source.sex : null));
  return {
    nhsNumber: mostCommon((r) => r.validNhsNumber),
    givenName: first((r) => r.source.givenName?.trim()),
    familyName: first((r) => r.source.familyName?.trim()),
    dateOfBirth: first((r) => r.source.dateOfBirth),
    sex: knownSex ?? first((r) => r.source.sex),
    postcode: mostCommon((r) => r.postcode),
  };
}
