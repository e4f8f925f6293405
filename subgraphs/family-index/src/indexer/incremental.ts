import { createHash } from "node:crypto";
import { buildFamilies } from "../linkage/families";
import { PREDICTION_BLOCKING } from "../linkage/blocking";
import { featuresOf } from "../linkage/compare";
import { normaliseName, toLinkageRecord, validNhsNumber } from "../linkage/normalise";
import { recordKey, type LinkedIndex, type LinkedRecord, type RecordKey, type SourceRecord } from "../linkage/types";
import type { IndexChanges } from "../store/link-store.port";
import type { IsoDate } from "@ffd/shared";

/** One comparison behind a candidate pair: the field, the level it agreed at, and its weight. */
export interface FieldEvidence {
  field: string;
  /** e.g. "exact", "phonetic", "jaro-winkler>=0.88", "transposed", "different", "missing". */
  level: string;
  /** The comparison's log2 Bayes factor when the linker gives one. */
  weight: number | null;
}

/** A pair of records the linker is unsure about: between its two thresholds, for human review. */
export interface ReviewCandidate {
  a: RecordKey;
  b: RecordKey;
  probability: number;
  evidence: FieldEvidence[];
}

/** What a linker gives back: the linked index (families need not be filled) and the candidates. */
export interface LinkOutput {
  index: Pick<LinkedIndex, "records" | "persons">;
  candidates: readonly ReviewCandidate[];
}

export type Linker = (sources: readonly SourceRecord[]) => LinkOutput;

/** Everything the last build linked, kept in memory so the next update links only what changed. */
export interface LinkState {
  sources: ReadonlyMap<RecordKey, SourceRecord>;
  hashes: ReadonlyMap<RecordKey, string>;
  index: LinkedIndex;
  candidates: readonly ReviewCandidate[];
}

const keyOf = (r: { agency: SourceRecord["agency"]; localId: string }) => recordKey(r.agency, r.localId);

/** A digest of what a record holds (demographics, relations, household, care unit): equal digests, same record. */
export function recordHash(r: SourceRecord): string {
  const relations = [...r.relations]
    .map((x) => `${x.relationship}>${x.localId}`)
    .sort()
    .join(",");
  const text = JSON.stringify([
    r.nhsNumber,
    r.givenName,
    r.familyName,
    r.dateOfBirth,
    r.sex,
    r.postcode,
    r.householdId ?? null,
    relations,
    r.careUnit ?? null,
  ]);
  return createHash("sha1").update(text, "utf8").digest("base64");
}

export function stateOf(
  sources: readonly SourceRecord[],
  index: LinkedIndex,
  candidates: readonly ReviewCandidate[],
): LinkState {
  const bySource = new Map<RecordKey, SourceRecord>();
  const hashes = new Map<RecordKey, string>();
  for (const s of sources) {
    const k = keyOf(s);
    bySource.set(k, s);
    hashes.set(k, recordHash(s));
  }
  return { sources: bySource, hashes, index, candidates };
}

/**
 * The state after an update that linked `touched` again: only the touched records' sources and
 * digests change (the maps are the previous state's, taken over: the
 * previous state is not used again).
 */
export function advanceState(
  state: LinkState,
  now: (key: RecordKey) => SourceRecord | undefined,
  touched: ReadonlySet<RecordKey>,
  index: LinkedIndex,
  candidates: readonly ReviewCandidate[],
): LinkState {
  const sources = state.sources as Map<RecordKey, SourceRecord>;
  const hashes = state.hashes as Map<RecordKey, string>;
  for (const k of touched) {
    const after = now(k);
    if (after) {
      sources.set(k, after);
      hashes.set(k, recordHash(after));
    } else {
      sources.delete(k);
      hashes.delete(k);
    }
  }
  return { sources, hashes, index, candidates };
}

/**
 * Keys of records that are new, changed or gone since the state was built, `sources` being all
 * records now of the keys `covers` (default: all keys).
 */
export function diffSources(
  state: LinkState,
  sources: readonly SourceRecord[],
  covers: (key: RecordKey) => boolean = () => true,
): Set<RecordKey> {
  const changed = new Set<RecordKey>();
  const seen = new Set<RecordKey>();
  for (const s of sources) {
    const k = keyOf(s);
    seen.add(k);
    if (state.hashes.get(k) !== recordHash(s)) changed.add(k);
  }
  for (const k of state.hashes.keys()) if (!seen.has(k) && covers(k)) changed.add(k);
  return changed;
}

/** Of `keys` (records a change read named), those new, changed or gone since the state was built. */
export function diffKeys(
  state: LinkState,
  keys: ReadonlySet<RecordKey>,
  now: (key: RecordKey) => SourceRecord | undefined,
): Set<RecordKey> {
  const changed = new Set<RecordKey>();
  for (const k of keys) {
    const s = now(k);
    if ((s ? recordHash(s) : undefined) !== state.hashes.get(k)) changed.add(k);
  }
  return changed;
}

/**
 * Blocking keys for finding a record's possible partners: deliberately looser than the
 * linkage rules' blocking (NHS number; date of birth, also with day and month swapped; year
 * of birth with either name's initial; postcode; both initials with the postcode district; the
 * keys of the blocking passes for a record lacking a field), so
 * a record that could link to a changed one is among its neighbours. Values are normalised as
 * linkage normalises them.
 */
export function neighbourKeys(r: SourceRecord): string[] {
  const keys: string[] = [];
  const nhs = validNhsNumber(r.nhsNumber);
  if (nhs) keys.push(`n|${nhs}`);
  const given = normaliseName(r.givenName)?.replace(/[^a-z]/g, "") ?? "";
  const family = normaliseName(r.familyName)?.replace(/[^a-z]/g, "") ?? "";
  const dob = r.dateOfBirth;
  if (dob) {
    const [y, m, d] = dob.split("-");
    keys.push(`d|${[m, d].sort().join("-")}|${y}`);
    if (family) keys.push(`yf|${y}|${family[0]}`);
    if (given) keys.push(`yg|${y}|${given[0]}`);
  }
  const postcode = r.postcode?.replace(/\s+/g, "").toUpperCase();
  if (postcode) {
    keys.push(`p|${postcode}`);
    if (given && family) keys.push(`gfd|${given[0]}|${family[0]}|${postcode.slice(0, -3)}`);
  }
  // The linkage module's own blocking keys (PREDICTION_BLOCKING), the passes for a record lacking
  // a field included (every record holds their keys, as either side of such a pair may be the
  // changed one): any pair the linker could compare shares one of these, so it is relinked.
  const features = featuresOf(toLinkageRecord(r));
  PREDICTION_BLOCKING.forEach((rule, i) => {
    const key = rule.key(features);
    if (key !== null) keys.push(`b${i}|${key}`);
  });
  return keys;
}

export interface RelinkResult {
  index: LinkedIndex;
  candidates: ReviewCandidate[];
  changes: IndexChanges;
  /** Records given to the linker again (the changed ones, their neighbours and their people). */
  relinked: number;
}

/**
 * Links again only what a change can affect, and keeps the rest of the previous index:
 *
 * 1. the touched records (new, changed, gone, or named by a review decision), their blocking
 *    neighbours (records sharing a neighbourKeys key with a touched record, old or new values),
 *    and every record of the people any of those belonged to, are linked afresh with `link`;
 * 2. people with none of their records in that set are kept as they were (their records can
 *    only link to each other, or they would already be one person with a touched record);
 * 3. families are worked out again over all records (no scoring: cheap), then the rows that
 *    differ from the previous index are the changes to write.
 *
 * The result is the one a full rebuild gives when the linker only links pairs sharing a
 * blocking key that neighbourKeys also shares (its model, estimated at the last full build,
 * is reused as it is).
 */
export function relink(
  state: LinkState,
  sources: readonly SourceRecord[],
  touched: ReadonlySet<RecordKey>,
  link: Linker,
  referenceDate: IsoDate,
): RelinkResult {
  const next = new Map<RecordKey, SourceRecord>(sources.map((s) => [keyOf(s), s]));
  const prevPersonOf = new Map<RecordKey, string>(state.index.records.map((r) => [keyOf(r), r.personId]));

  // Blocks of the new records, to find the neighbours of touched records.
  const touchedBlocks = new Set<string>();
  for (const k of touched) {
    for (const s of [next.get(k), state.sources.get(k)]) if (s) for (const b of neighbourKeys(s)) touchedBlocks.add(b);
  }
  const seeds = new Set<RecordKey>(touched);
  for (const [k, s] of next) {
    if (seeds.has(k)) continue;
    if (neighbourKeys(s).some((b) => touchedBlocks.has(b))) seeds.add(k);
  }
  const affectedPersons = new Set<string>();
  for (const k of seeds) {
    const p = prevPersonOf.get(k);
    if (p) affectedPersons.add(p);
  }
  const subsetKeys = new Set<RecordKey>();
  for (const k of seeds) if (next.has(k)) subsetKeys.add(k);
  for (const r of state.index.records) {
    const k = keyOf(r);
    if (affectedPersons.has(r.personId) && next.has(k)) subsetKeys.add(k);
  }
  const subset = [...subsetKeys].map((k) => next.get(k)!);
  const linked = link(subset);

  const records: LinkedRecord[] = [
    ...state.index.records.filter((r) => !affectedPersons.has(r.personId)),
    ...linked.index.records,
  ];
  const personOf = new Map<RecordKey, string>(records.map((r) => [keyOf(r), r.personId]));
  const keptPersons = state.index.persons.filter((p) => !affectedPersons.has(p.id));
  const personsNoFamily = [...keptPersons, ...linked.index.persons];
  const dateOfBirthOf = new Map(personsNoFamily.map((p) => [p.id, p.dateOfBirth]));
  const { families, familyOf } = buildFamilies(sources, personOf, dateOfBirthOf, referenceDate);
  const persons = personsNoFamily
    .map((p) => ({ ...p, familyId: familyOf.get(p.id) ?? null }))
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const index: LinkedIndex = { records, persons, families };

  const candidates = [
    ...state.candidates.filter((c) => !subsetKeys.has(c.a) && !subsetKeys.has(c.b) && next.has(c.a) && next.has(c.b)),
    ...linked.candidates,
  ];

  // What to write: records of the relinked people and records gone; people and families whose row differs.
  const changedRecords = new Set<RecordKey>(subsetKeys);
  for (const k of touched) changedRecords.add(k);
  const changedPersons = new Set<string>(affectedPersons);
  const prevPersons = new Map(state.index.persons.map((p) => [p.id, JSON.stringify(p)]));
  for (const p of persons) if (prevPersons.get(p.id) !== JSON.stringify(p)) changedPersons.add(p.id);
  const changedFamilies = new Set<string>();
  const nextFamilies = new Map(families.map((f) => [f.id, JSON.stringify(f)]));
  for (const f of state.index.families) if (nextFamilies.get(f.id) !== JSON.stringify(f)) changedFamilies.add(f.id);
  const prevFamilies = new Set(state.index.families.map((f) => f.id));
  for (const f of families) if (!prevFamilies.has(f.id)) changedFamilies.add(f.id);

  return {
    index,
    candidates,
    changes: { records: changedRecords, persons: changedPersons, families: changedFamilies },
    relinked: subset.length,
  };
}
