import type { IsoDate } from "@ffd/shared";
import { normaliseName, normalisePostcodeKey, validNhsNumber } from "../linkage/normalise";
import type { LinkedIndex } from "../linkage/types";

/** Fields a search can give, in the order `matchedOn` lists them. */
export const SEARCH_FIELDS = ["nhsNumber", "givenName", "familyName", "dateOfBirth", "postcode"] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/**
 * How much each field counts towards a score (score = weight matched / weight given). An NHS
 * number on its own identifies a person, so it outweighs everything else together.
 */
export const FIELD_WEIGHTS: Readonly<Record<SearchField, number>> = {
  nhsNumber: 1.0,
  givenName: 0.2,
  familyName: 0.3,
  dateOfBirth: 0.3,
  postcode: 0.2,
};

export const MAX_RESULTS = 25;

/** Normalised search values (validated before they get here). */
export type SearchCriteria = Partial<Record<SearchField, string>>;

export interface SearchHit {
  personId: string;
  score: number;
  matchedOn: SearchField[];
}

interface Profile {
  id: string;
  /** Every value held for the person, normalised: theirs and their linked records'. */
  values: Record<SearchField, string[]>;
  sortKey: string;
}

/**
 * In-memory indexes over the current build for search: one map per field from normalised
 * value to people, so a query looks up a few keys instead of scanning 100,000 families. A
 * person is found under every value any of their linked records holds (the centres' spelling
 * of a name finds the person that record belongs to).
 */
export class SearchIndex {
  private readonly profiles = new Map<string, Profile>();
  private readonly byField: Record<SearchField, Map<string, string[]>> = {
    nhsNumber: new Map(),
    givenName: new Map(),
    familyName: new Map(),
    dateOfBirth: new Map(),
    postcode: new Map(),
  };

  constructor(index: LinkedIndex) {
    for (const p of index.persons) {
      this.profiles.set(p.id, {
        id: p.id,
        values: { nhsNumber: [], givenName: [], familyName: [], dateOfBirth: [], postcode: [] },
        sortKey: `${normaliseName(p.familyName) ?? "\uffff"}|${normaliseName(p.givenName) ?? "\uffff"}|${p.id}`,
      });
      this.add(p.id, "nhsNumber", validNhsNumber(p.nhsNumber));
      this.add(p.id, "givenName", normaliseName(p.givenName));
      this.add(p.id, "familyName", normaliseName(p.familyName));
      this.add(p.id, "dateOfBirth", p.dateOfBirth);
      this.add(p.id, "postcode", normalisePostcodeKey(p.postcode));
    }
    for (const r of index.records) {
      this.add(r.personId, "nhsNumber", validNhsNumber(r.nhsNumber));
      this.add(r.personId, "givenName", normaliseName(r.givenName));
      this.add(r.personId, "familyName", normaliseName(r.familyName));
      this.add(r.personId, "dateOfBirth", r.dateOfBirth);
      this.add(r.personId, "postcode", normalisePostcodeKey(r.postcode));
    }
  }

  get size(): number {
    return this.profiles.size;
  }

  private add(personId: string, field: SearchField, value: string | null): void {
    if (!value) return;
    const profile = this.profiles.get(personId);
    if (!profile || profile.values[field].includes(value)) return;
    profile.values[field].push(value);
    const ids = this.byField[field].get(value);
    if (ids) ids.push(personId);
    else this.byField[field].set(value, [personId]);
  }

  /**
   * Exact search on normalised values (probabilistic search comes with the linkage issue):
   * - an NHS number finds the people holding it (on them or any linked record); other fields
   *   given with it only change the score;
   * - otherwise a person must match every given field, except that with three or more fields
   *   one may differ (a changed surname, a moved postcode);
   * results sorted by score, then family and given name, at most MAX_RESULTS.
   */
  search(criteria: SearchCriteria, limit = MAX_RESULTS): SearchHit[] {
    const given = SEARCH_FIELDS.filter((f) => criteria[f] !== undefined);
    if (!given.length) return [];
    let candidates: Iterable<string>;
    let required: number;
    if (criteria.nhsNumber !== undefined) {
      candidates = this.byField.nhsNumber.get(criteria.nhsNumber) ?? [];
      required = 1;
    } else {
      required = given.length >= 3 ? given.length - 1 : given.length;
      // A person matching `required` of n fields is in at least one of any n - required + 1
      // of the fields' lists: take the shortest ones.
      const lists = given.map((f) => this.byField[f].get(criteria[f]!) ?? []).sort((a, b) => a.length - b.length);
      candidates = new Set(lists.slice(0, given.length - required + 1).flat());
    }
    const givenWeight = given.reduce((sum, f) => sum + FIELD_WEIGHTS[f], 0);
    const hits: (SearchHit & { sortKey: string })[] = [];
    for (const id of candidates) {
      const profile = this.profiles.get(id)!;
      const matchedOn = given.filter((f) => profile.values[f].includes(criteria[f]!));
      if (matchedOn.length < required || (criteria.nhsNumber !== undefined && !matchedOn.includes("nhsNumber")))
        continue;
      const weight = matchedOn.reduce((sum, f) => sum + FIELD_WEIGHTS[f], 0);
      hits.push({
        personId: id,
        score: Math.round((weight / givenWeight) * 1000) / 1000,
        matchedOn,
        sortKey: profile.sortKey,
      });
    }
    hits.sort((x, y) => y.score - x.score || (x.sortKey < y.sortKey ? -1 : x.sortKey > y.sortKey ? 1 : 0));
    return hits.slice(0, limit).map(({ personId, score, matchedOn }) => ({ personId, score, matchedOn }));
  }
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
