import type { IsoDate } from "@ffd/shared";
import { buildFamilies } from "./families";
import { linkRecords, type LinkResult, type ProbabilisticOptions } from "./link";
import { toLinkageRecord } from "./normalise";
import { DETERMINISTIC_RULES, type LinkageRule } from "./rules";
import { recordKey, type LinkedIndex, type RecordKey, type ReviewDecision, type SourceRecord } from "./types";

export interface BuildOptions {
  referenceDate: IsoDate;
  rules?: readonly LinkageRule[];
  decisions?: readonly ReviewDecision[];
  /** Fellegi-Sunter scoring after the rules (see linkRecords); off when absent. */
  probabilistic?: ProbabilisticOptions | boolean;
}

export interface BuildResult {
  index: LinkedIndex;
  /** Links refused because a reviewer kept two records apart. */
  refusedLinks: number;
  /** Everything linkage produced: links with evidence, review candidates, the model, counts. */
  linkage: LinkResult;
}

/** Builds the whole index (records to people, people to families) from the agencies' records. */
export function buildLinkedIndex(sources: readonly SourceRecord[], options: BuildOptions): BuildResult {
  const linked = linkRecords(
    sources.map(toLinkageRecord),
    options.rules ?? DETERMINISTIC_RULES,
    options.decisions ?? [],
    { probabilistic: options.probabilistic },
  );
  const personOf = new Map<RecordKey, string>(linked.records.map((r) => [recordKey(r.agency, r.localId), r.personId]));
  const dateOfBirthOf = new Map(linked.persons.map((p) => [p.person.id, p.person.dateOfBirth]));
  const { families, familyOf } = buildFamilies(sources, personOf, dateOfBirthOf, options.referenceDate);
  const persons = linked.persons
    .map((g) => ({ ...g.person, familyId: familyOf.get(g.person.id) ?? null }))
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { index: { records: linked.records, persons, families }, refusedLinks: linked.refused, linkage: linked };
}
