import type { IsoDate } from "@ffd/shared";
import { compareFeatures, featuresOf, metaphone, type Features } from "../linkage/compare";
import {
  LevelCounts,
  priorModel,
  priorWeight,
  seededRandom,
  probabilityOf,
  scoreFeatures,
  type FieldEvidence,
  type MatchModel,
} from "../linkage/model";
import { normaliseName, normalisePostcodeKey, validNhsNumber } from "../linkage/normalise";
import type { LinkageRecord, LinkedIndex, LinkedPerson, LinkedRecord } from "../linkage/types";

/** Fields a search can give, in the order `matchedOn` lists them. */
export const SEARCH_FIELDS = ["nhsNumber", "givenName", "familyName", "dateOfBirth", "postcode"] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export const MAX_RESULTS = 25;

/**
 * The prior a search's score is given at: 1 in 10,000, what linkage's own prior is on a borough
 * of about 2,000 families (the default), and priorModel()'s. A search's score is the match
 * probability its evidence (the field weights, log2 of the Bayes factor) gives at this fixed
 * prior, so the same evidence for a person scores the same in a borough of any size. Linkage's
 * prior is the share of all pairs of records that match, which falls as 1/records: scored with
 * it, Amira Hussain's "Hussain, 12/03/1994" fell from 0.99 at 2,000 families to 0.80 at 100,000
 * on the same 20 bits of evidence.
 */
export const SEARCH_PRIOR = 1e-4;
const SEARCH_PRIOR_BITS = Math.log2(SEARCH_PRIOR / (1 - SEARCH_PRIOR));

/**
 * A record is shown only when the fields the query gave are, together, at least this much
 * evidence for a match (bits: log2 of the Bayes factor, the prior left out), i.e. the
 * comparisons made the record at least 2^4 = 16 times more likely to be the person sought.
 * One agreeing field clears it (an exact or typo'd family name, a date of birth, a postcode, an
 * NHS number); a date of birth or a postcode sector shared with nobody's name agreeing, a
 * phonetic given name alone, or name agreement outweighed by a different date of birth do not.
 */
export const MIN_EVIDENCE_BITS = 4;

/**
 * Nor is a person whose best record is more than this many bits below the best person's (over
 * 30,000 times less likely): with a strong match found, people sharing only, say, a rare
 * misspelling of its family name are noise. People who match equally well all stay, and so does
 * a near miss such as the same names with a one-digit-different date of birth (about 12 bits
 * below the exact match under the prior model).
 */
export const MAX_BITS_BELOW_BEST = 15;

/**
 * THE CUT-OFF for who a search presents: a person is shown when their best record gives the
 * query at least MIN_EVIDENCE_BITS of evidence, is within MAX_BITS_BELOW_BEST of the best person,
 * and, when the query gives a name, agrees with it on a name (at any agreeing level: exact,
 * nickname, phonetic, transposed...) or on the NHS number. Someone who shares only a date of birth
 * or a postcode with "Hussain, 12/03/1994" is not who the query means, however many such people a
 * large borough holds; they are weaker candidates, shown only when asked for (`weaker`).
 * The cut-off is on the evidence, not on the score: MIN_EVIDENCE_BITS is a score of 0.0016 at
 * SEARCH_PRIOR, and a minimum score high enough to mean "probably this person" would leave a
 * search by one common family name ("Smith": about 6 bits) with nobody.
 */
const NAME_OR_NHS = /^(givenName|familyName|nhsNumber):/;

export interface SearchOptions {
  /** At most this many people (default MAX_RESULTS). */
  limit?: number;
  /** Also people who agree with a query that gives a name on nothing but other fields. */
  weaker?: boolean;
}

/** A candidate list longer than this is not read when a shorter one is available (e.g. a common surname's). */
export const LIST_CAP = 2_000;
/** At most this many candidate records are scored per query (only a very broad query reaches it). */
export const MAX_SCORED = 5_000;

/** Normalised search values (validated before they get here). */
export type SearchCriteria = Partial<Record<SearchField, string>>;

export interface SearchHit {
  personId: string;
  /** Match probability (0..1) of the person's best-matching record at SEARCH_PRIOR, rounded to 4 places. */
  score: number;
  /** Match weight (bits) of that record: SEARCH_PRIOR's log-odds plus the field weights. */
  weight: number;
  /** `field:level` for each field that agreed, e.g. "familyName:phonetic" (see MATCH_LEVEL). */
  matchedOn: string[];
}

/**
 * How `matchedOn` names the linkage comparison levels (`src/linkage/compare.ts`). Levels that
 * are disagreement (`ELSE`, a different NHS number) are not listed.
 */
export const MATCH_LEVEL: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  nhsNumber: { EQUAL: "exact" },
  givenName: {
    EXACT: "exact",
    HYPHENATED_PART: "other-forename",
    NICKNAME: "nickname",
    JARO_WINKLER_92: "jaro-winkler",
    METAPHONE: "phonetic",
    JARO_WINKLER_88: "jaro-winkler",
    TRANSPOSED: "transposed",
  },
  familyName: {
    EXACT: "exact",
    HYPHENATED_PART: "part",
    JARO_WINKLER_92: "jaro-winkler",
    METAPHONE: "phonetic",
    JARO_WINKLER_88: "jaro-winkler",
    TRANSPOSED: "transposed",
  },
  dateOfBirth: { EXACT: "exact", DAY_MONTH_TRANSPOSED: "day-month-transposed", ONE_DIGIT_DIFFERENT: "one-digit" },
  postcode: { FULL: "exact", SECTOR: "sector", ONE_CHARACTER: "one-character", DISTRICT: "district" },
};

/** Random pairs of records of different people the search's u is estimated from (see searchModel). */
export const U_PAIRS = 200_000;
/** Records (a seeded sample) those pairs are drawn from. */
const U_SAMPLE = 50_000;

/**
 * The model a search weighs evidence with: the build's m and term frequencies, and u estimated
 * again from random pairs of records of *different* linked people. Linkage's u comes from
 * random pairs of records, some of which are the same person: in a small borough those are a
 * large share of the pairs agreeing on a date of birth (about 1 in 1,000 random pairs are one
 * person at 300 families, 1 in 300,000 at 100,000), so there u overstated how often a date of
 * birth is shared by chance and the same agreement weighed 3-4 bits less than in a large one.
 * With the prior fixed (SEARCH_PRIOR) that would have made scores rise with the borough instead
 * of sinking. A model not estimated from data (priorModel, a small index) is used as it is;
 * NHS numbers keep their fixed u.
 */
export function searchModel(
  model: MatchModel,
  records: readonly LinkedRecord[],
  featuresAt: (i: number) => Features,
  seed = 20250601,
): MatchModel {
  if (model.training.length === 0 || records.length < 2) return model;
  // Once per model: incremental updates rebuild the search index with the last full build's
  // model, and its u does not need estimating again (about 2 s at 2,000 families).
  const held = weighingOf.get(model);
  if (held) return held;
  const random = seededRandom(seed);
  const n = records.length;
  const sample =
    n <= U_SAMPLE
      ? Array.from({ length: n }, (_, i) => i)
      : Array.from({ length: U_SAMPLE }, () => Math.floor(random() * n));
  const features = sample.map(featuresAt);
  const counts = new LevelCounts();
  const k = sample.length;
  for (let tries = 0; counts.pairs < U_PAIRS && tries < U_PAIRS * 2; tries++) {
    const a = Math.floor(random() * k);
    const b = Math.floor(random() * k);
    if (records[sample[a]].personId === records[sample[b]].personId) continue;
    counts.add(compareFeatures(features[a], features[b]));
  }
  if (counts.pairs === 0) return model;
  const weighing = { ...model, u: counts.u((f) => [...model.u[f]], model.u.nhsNumber) };
  weighingOf.set(model, weighing);
  return weighing;
}

const weighingOf = new WeakMap<MatchModel, MatchModel>();

type Ids = number | number[];

const uniq = (xs: readonly (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];

/** Metaphone codes (primary and alternate) of each word. */
const codesOf = (words: readonly (string | null)[]) => uniq(words.flatMap((w) => metaphone(w)));

/**
 * The lookup keys of a record (or of a query, treated as a partial record), by prefix:
 * `n:` valid NHS number, `b:` date of birth, `g:`/`G:` a forename exactly/its Double Metaphone
 * code, `f:`/`F:` the family name (letters only, or a part of a double-barrelled one)
 * exactly/phonetically, `N:` given and family name codes together, `p:`/`s:`/`d:` postcode,
 * sector, district.
 */
function keysOf(f: Features): string[] {
  const keys: string[] = [];
  if (f.nhsNumber) keys.push(`n:${f.nhsNumber}`);
  if (f.dateOfBirth) keys.push(`b:${f.dateOfBirth}`);
  const forenames = f.givenAll ?? (f.given ? [f.given] : []);
  for (const g of forenames) keys.push(`g:${g}`);
  const givenCodes = codesOf(forenames);
  for (const c of givenCodes) keys.push(`G:${c}`);
  const families = uniq([f.familyCompact, ...(f.familyParts ?? [])]);
  for (const x of families) keys.push(`f:${x}`);
  const familyCodes = codesOf(families);
  for (const c of familyCodes) keys.push(`F:${c}`);
  for (const g of uniq([f.givenMetaphone, f.givenMetaphoneAlt]))
    for (const x of uniq([f.familyMetaphone, f.familyMetaphoneAlt])) keys.push(`N:${g}|${x}`);
  if (f.postcode) keys.push(`p:${f.postcode}`);
  if (f.sector) keys.push(`s:${f.sector}`);
  if (f.district) keys.push(`d:${f.district}`);
  return keys;
}

/**
 * A linked record as linkage compares it, a value the record lacks taken from its person's
 * demographics (a maternity baby booked as "Baby Hussain" has the registered forename), so a
 * record is never a better match merely for holding less.
 */
function featuresOfRecord(r: LinkedRecord, p: LinkedPerson | undefined): Features {
  return featuresOf({
    validNhsNumber: validNhsNumber(r.nhsNumber) ?? validNhsNumber(p?.nhsNumber),
    givenName: normaliseName(r.givenName) ?? normaliseName(p?.givenName),
    familyName: normaliseName(r.familyName) ?? normaliseName(p?.familyName),
    postcode: normalisePostcodeKey(r.postcode) ?? normalisePostcodeKey(p?.postcode),
    source: {
      sex: r.sex && r.sex !== "UNKNOWN" ? r.sex : (p?.sex ?? null),
      dateOfBirth: r.dateOfBirth ?? p?.dateOfBirth ?? null,
    },
  } as LinkageRecord);
}

/** The query as a partial record: what it does not give is missing and contributes 0. */
function featuresOfQuery(c: SearchCriteria): Features {
  return featuresOf({
    validNhsNumber: c.nhsNumber ? validNhsNumber(c.nhsNumber) : null,
    givenName: c.givenName ?? null,
    familyName: c.familyName ?? null,
    postcode: c.postcode ?? null,
    source: { sex: null, dateOfBirth: c.dateOfBirth ?? null },
  } as LinkageRecord);
}

/** "1994-03-12" -> "1994-12-03" when that is a date (the same day and month typed the other way round). */
function transposed(dob: string): string | null {
  const [y, m, d] = dob.split("-");
  if (m === d || Number(d) > 12) return null;
  return `${y}-${d}-${m}`;
}

/**
 * Search over the current build, scored as linkage scores a pair of records: the query is a
 * partial record, compared with each candidate record by the linkage comparison levels
 * (Jaro-Winkler, Double Metaphone, nicknames, day/month transpositions, postcode sector and
 * district...) and weighed with the build's match model (m, u, term frequencies, prior). A
 * person ranks by their best-matching record.
 *
 * Candidates come from in-memory indexes (key -> record numbers, see keysOf), never a scan: the
 * query's keys are looked up, lists are read shortest first, and a list over LIST_CAP is read
 * only when no shorter one exists (then at most MAX_SCORED records are scored).
 */
export class SearchIndex {
  private readonly records: readonly LinkedRecord[];
  private readonly persons = new Map<string, LinkedPerson>();
  private readonly byKey = new Map<string, Ids>();
  /** Per record, the number of the last query that collected it (dedupes candidates without a Set). */
  private readonly seen: Uint32Array;
  private queryNumber = 0;
  /** The build's match model. */
  readonly model: MatchModel;
  /** What the search weighs evidence with: the build's model, u from pairs of different people (searchModel). */
  readonly weighing: MatchModel;

  constructor(index: Pick<LinkedIndex, "records" | "persons">, model: MatchModel | null = null) {
    this.records = index.records;
    this.seen = new Uint32Array(index.records.length);
    for (const p of index.persons) this.persons.set(p.id, p);
    this.model = model ?? priorModel();
    this.weighing = searchModel(this.model, index.records, (i) =>
      featuresOfRecord(index.records[i], this.persons.get(index.records[i].personId)),
    );
    index.records.forEach((r, i) => {
      for (const key of keysOf(featuresOfRecord(r, this.persons.get(r.personId)))) {
        const ids = this.byKey.get(key);
        if (ids === undefined) this.byKey.set(key, i);
        else if (typeof ids === "number") {
          if (ids !== i) this.byKey.set(key, [ids, i]);
        } else if (ids[ids.length - 1] !== i) ids.push(i);
      }
    });
  }

  get size(): number {
    return this.persons.size;
  }

  private list(key: string): readonly number[] {
    const ids = this.byKey.get(key);
    return ids === undefined ? [] : typeof ids === "number" ? [ids] : ids;
  }

  /** Record numbers to score for a query (deduplicated). */
  private candidates(query: Features, criteria: SearchCriteria): number[] {
    const keys = keysOf(query);
    // The names the other way round too (a record holding them transposed).
    if (criteria.givenName && criteria.familyName)
      keys.push(
        ...keysOf(featuresOfQuery({ givenName: criteria.familyName, familyName: criteria.givenName })).filter((k) =>
          /^[gGfFN]:/.test(k),
        ),
      );
    if (criteria.dateOfBirth) {
      const t = transposed(criteria.dateOfBirth);
      if (t) keys.push(`b:${t}`);
    }
    const lists = keys
      .map((k) => this.list(k))
      .filter((l) => l.length > 0)
      .sort((a, b) => a.length - b.length);
    let read = lists.filter((l) => l.length <= LIST_CAP);
    if (!read.length && lists.length) read = [lists[0]];
    if (++this.queryNumber >= 0xffffffff) {
      this.seen.fill(0);
      this.queryNumber = 1;
    }
    const out: number[] = [];
    for (const l of read)
      for (const i of l) {
        if (this.seen[i] === this.queryNumber) continue;
        this.seen[i] = this.queryNumber;
        out.push(i);
        if (out.length >= MAX_SCORED) return out;
      }
    return out;
  }

  /**
   * People best matching the criteria (already normalised and validated), most probable first
   * (ties by family then given name), each at most once, at most `limit`; records whose
   * evidence is under MIN_EVIDENCE_BITS, people over MAX_BITS_BELOW_BEST under the best and,
   * unless `weaker`, people who agree with a query giving a name on no name nor the NHS number
   * (NAME_OR_NHS) are left out.
   */
  search(criteria: SearchCriteria, options: SearchOptions = {}): SearchHit[] {
    const { limit = MAX_RESULTS, weaker = false } = options;
    const namesGiven = criteria.givenName !== undefined || criteria.familyName !== undefined;
    if (!SEARCH_FIELDS.some((f) => criteria[f] !== undefined)) return [];
    const query = featuresOfQuery(criteria);
    const prior = priorWeight(this.weighing);
    const best = new Map<string, { weight: number; evidence: FieldEvidence[] }>();
    for (const i of this.candidates(query, criteria)) {
      const record = this.records[i];
      const score = scoreFeatures(query, featuresOfRecord(record, this.persons.get(record.personId)), this.weighing);
      // The evidence alone (the model's prior taken out), then put at the fixed search prior.
      const evidence = score.weight - prior;
      if (evidence < MIN_EVIDENCE_BITS) continue;
      const weight = Math.round((evidence + SEARCH_PRIOR_BITS) * 1000) / 1000;
      const held = best.get(record.personId);
      if (!held || weight > held.weight) best.set(record.personId, { weight, evidence: score.evidence });
    }
    const sortKey = (id: string) => {
      const p = this.persons.get(id);
      return `${normaliseName(p?.familyName) ?? "\uffff"}|${normaliseName(p?.givenName) ?? "\uffff"}|${id}`;
    };
    const hits = [...best]
      .map(([personId, s]) => ({
        personId,
        score: Math.round(probabilityOf(s.weight) * 1e4) / 1e4,
        weight: s.weight,
        matchedOn: matchedOn(s.evidence),
        sortKey: sortKey(personId),
      }))
      .filter((h) => weaker || !namesGiven || h.matchedOn.some((m) => NAME_OR_NHS.test(m)));
    hits.sort((x, y) => y.weight - x.weight || (x.sortKey < y.sortKey ? -1 : x.sortKey > y.sortKey ? 1 : 0));
    const floor = hits.length ? hits[0].weight - MAX_BITS_BELOW_BEST : 0;
    return hits
      .filter((h) => h.weight >= floor)
      .slice(0, limit)
      .map(({ personId, score, weight, matchedOn }) => ({ personId, score, weight, matchedOn }));
  }
}

/** `field:level` for the agreeing fields, in SEARCH_FIELDS order. */
function matchedOn(evidence: readonly FieldEvidence[]): string[] {
  const out: string[] = [];
  for (const field of SEARCH_FIELDS) {
    const e = evidence.find((x) => x.field === field);
    const level = e?.level ? MATCH_LEVEL[field][e.level] : undefined;
    if (level) out.push(`${field}:${level}`);
  }
  return out;
}

/** Normalises raw search input into criteria; blank fields are left out. */
export function toCriteria(input: {
  nhsNumber?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  dateOfBirth?: IsoDate | null;
  postcode?: string | null;
}): SearchCriteria {
  const criteria: SearchCriteria = {};
  const nhs = input.nhsNumber?.replace(/[\s-]/g, "");
  if (nhs) criteria.nhsNumber = nhs;
  const given = normaliseName(input.givenName);
  if (given) criteria.givenName = given;
  const family = normaliseName(input.familyName);
  if (family) criteria.familyName = family;
  if (input.dateOfBirth) criteria.dateOfBirth = input.dateOfBirth;
  const postcode = normalisePostcodeKey(input.postcode);
  if (postcode) criteria.postcode = postcode;
  return criteria;
}
