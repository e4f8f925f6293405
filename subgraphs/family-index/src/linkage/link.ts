import { personIdFor } from "./ids";
import type { LinkageRule } from "./rules";
import { UnionFind } from "./union-find";
import {
  AGENCY_ORDER,
  type LinkageRecord,
  type LinkedPerson,
  type LinkedRecord,
  type RecordKey,
  type RecordLink,
  type ReviewDecision,
} from "./types";
import type { Agency, SexCode } from "@ffd/shared";

/** Where demographics are taken from first: registration, then maternity, health visiting, centres. */
export const DEMOGRAPHICS_PREFERENCE: readonly Agency[] = [
  "registration",
  "maternity",
  "health-visiting",
  "childrens-centres",
];

const agencyRank = new Map(AGENCY_ORDER.map((a, i) => [a, i]));
const preferenceRank = new Map(DEMOGRAPHICS_PREFERENCE.map((a, i) => [a, i]));

/** Records in the fixed order: agency (AGENCY_ORDER), then local id. */
export function compareRecords(x: { agency: Agency; localId: string }, y: { agency: Agency; localId: string }): number {
  const byAgency = agencyRank.get(x.agency)! - agencyRank.get(y.agency)!;
  if (byAgency !== 0) return byAgency;
  return x.localId < y.localId ? -1 : x.localId > y.localId ? 1 : 0;
}

/** How strongly a link explains why a record belongs to its person: rules first, reviewers last. */
const EXPLANATION_ORDER: Record<RecordLink["rule"], number> = {
  NHS_NUMBER_AND_DATE_OF_BIRTH: 0,
  NAME_DATE_OF_BIRTH_AND_POSTCODE: 1,
  REVIEWED_SAME_PERSON: 2,
};

export interface PersonGroup {
  person: Omit<LinkedPerson, "familyId">;
  records: LinkageRecord[];
}

export interface LinkResult {
  persons: PersonGroup[];
  /** Records with the person they belong to and why. */
  records: LinkedRecord[];
  /** Links refused because a reviewer kept the two sides apart. */
  refused: number;
}

/**
 * Links records into people: every rule proposes links, reviewers' "same person" decisions
 * are added, "not the same person" decisions are enforced, and the connected components are
 * the people (across agencies and within one agency alike).
 */
export function linkRecords(
  input: readonly LinkageRecord[],
  rules: readonly LinkageRule[],
  decisions: readonly ReviewDecision[] = [],
): LinkResult {
  // One record per key, in the fixed order, so anchors and tie-breaks never depend on feed order.
  const seen = new Set<RecordKey>();
  const records = [...input]
    .sort((x, y) => compareRecords(x, y))
    .filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
  const byKey = new Map(records.map((r) => [r.key, r]));

  const sets = new UnionFind();
  for (const r of records) sets.add(r.key);
  for (const d of decisions) {
    if (d.decision === "NOT_SAME_PERSON" && byKey.has(d.a) && byKey.has(d.b)) sets.keepApart(d.a, d.b);
  }

  const proposed: RecordLink[] = [
    ...decisions
      .filter((d) => d.decision === "SAME_PERSON" && byKey.has(d.a) && byKey.has(d.b))
      .map((d): RecordLink => ({ a: d.a, b: d.b, rule: "REVIEWED_SAME_PERSON", confidence: 1 })),
    ...[...rules].sort((x, y) => y.confidence - x.confidence).flatMap((rule) => rule.links(records)),
  ];

  const incident = new Map<RecordKey, RecordLink[]>();
  let refused = 0;
  for (const link of proposed) {
    if (link.a === link.b) continue;
    if (!sets.union(link.a, link.b)) {
      refused++;
      continue;
    }
    for (const k of [link.a, link.b]) {
      const list = incident.get(k);
      if (list) list.push(link);
      else incident.set(k, [link]);
    }
  }

  const persons: PersonGroup[] = [];
  const linked: LinkedRecord[] = [];
  for (const keys of sets.groups()) {
    // Groups keep insertion order, which is the fixed record order: the first key is the anchor.
    const members = keys.map((k) => byKey.get(k)!);
    const anchor = members[0];
    const id = personIdFor(anchor.key);
    persons.push({ person: { id, anchor: anchor.key, ...demographicsOf(members) }, records: members });
    for (const r of members) {
      const why = r === anchor ? null : explanation(incident.get(r.key) ?? []);
      linked.push({
        agency: r.agency,
        localId: r.localId,
        personId: id,
        rule: why ? why.rule : "ANCHOR",
        confidence: why ? why.confidence : 1,
        linkedTo: why ? (why.a === r.key ? why.b : why.a) : null,
        nhsNumber: r.source.nhsNumber ? r.source.nhsNumber.replace(/[\s-]/g, "") : null,
        givenName: r.source.givenName,
        familyName: r.source.familyName,
        dateOfBirth: r.source.dateOfBirth,
        sex: r.source.sex,
        postcode: r.postcode,
        householdId: r.source.householdId ?? null,
      });
    }
  }
  return { persons, records: linked, refused };
}

function explanation(links: readonly RecordLink[]): RecordLink | null {
  let best: RecordLink | null = null;
  for (const link of links) {
    if (
      !best ||
      link.confidence > best.confidence ||
      (link.confidence === best.confidence && EXPLANATION_ORDER[link.rule] < EXPLANATION_ORDER[best.rule])
    ) {
      best = link;
    }
  }
  return best;
}

/**
 * A person's demographics from their records: the NHS number is the valid one held most
 * often (ties: the preferred agency's); names, date of birth, sex and postcode come from the
 * first record holding a value, in DEMOGRAPHICS_PREFERENCE order (nulls ignored, so a baby
 * booked without a forename takes the registered one). A known sex beats UNKNOWN.
 */
export function demographicsOf(records: readonly LinkageRecord[]): Omit<LinkedPerson, "id" | "anchor" | "familyId"> {
  const preferred = [...records].sort((x, y) => {
    const byPref = preferenceRank.get(x.agency)! - preferenceRank.get(y.agency)!;
    return byPref !== 0 ? byPref : compareRecords(x, y);
  });
  const first = <T>(pick: (r: LinkageRecord) => T | null | undefined): T | null => {
    for (const r of preferred) {
      const v = pick(r);
      if (v !== null && v !== undefined && v !== "") return v;
    }
    return null;
  };
  const counts = new Map<string, number>();
  for (const r of preferred)
    if (r.validNhsNumber) counts.set(r.validNhsNumber, (counts.get(r.validNhsNumber) ?? 0) + 1);
  let nhsNumber: string | null = null;
  for (const [n, c] of counts) if (nhsNumber === null || c > counts.get(nhsNumber)!) nhsNumber = n;
  const knownSex = first<SexCode>((r) => (r.source.sex && r.source.sex !== "UNKNOWN" ? r.source.sex : null));
  return {
    nhsNumber,
    givenName: first((r) => r.source.givenName?.trim()),
    familyName: first((r) => r.source.familyName?.trim()),
    dateOfBirth: first((r) => r.source.dateOfBirth),
    sex: knownSex ?? first((r) => r.source.sex),
    postcode: first((r) => r.postcode),
  };
}
