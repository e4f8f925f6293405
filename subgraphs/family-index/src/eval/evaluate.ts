import type { TruthRecord } from "@ffd/borough";
import type { Agency } from "@ffd/shared";
import { linkIdentities, type LinkResult, type ProbabilisticOptions } from "../linkage/link";
import { toLinkageRecord } from "../linkage/normalise";
import { recordKey, type SourceName } from "../linkage/types";
import type { LabelledRecord } from "./labelled";
import { pairwiseMetrics, type PairwiseMetrics } from "./metrics";

export interface Evaluation extends PairwiseMetrics {
  records: number;
  /** Seconds the linkage took (model estimation included). */
  seconds: number;
  recordsPerSecond: number;
  persons: number;
  candidates: number;
}

/** The borough's truth rows as labelled records: exactly the demographics each agency holds. */
export function labelledFromTruth(truth: readonly TruthRecord[]): LabelledRecord<Agency>[] {
  return truth.map((t) => ({
    clusterId: t.personId,
    record: {
      agency: t.source,
      localId: t.localId,
      nhsNumber: t.nhsNumber,
      givenName: t.givenName,
      familyName: t.familyName,
      dateOfBirth: t.dateOfBirth,
      sex: t.sex === "F" ? "FEMALE" : t.sex === "M" ? "MALE" : null,
      postcode: t.postcode,
      relations: [],
    },
  }));
}

/** Runs the full linkage over the records and measures it against their labels. */
export function evaluate(
  labelled: readonly LabelledRecord[],
  options: ProbabilisticOptions = {},
): Evaluation & { result: LinkResult<SourceName> } {
  const records = labelled.map((l) => toLinkageRecord(l.record));
  const started = process.hrtime.bigint();
  const result = linkIdentities(records, [], options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const personOf = new Map(result.records.map((r) => [recordKey(r.agency, r.localId), r.personId]));
  const predicted = labelled.map((l) => personOf.get(recordKey(l.record.agency, l.record.localId))!);
  const metrics = pairwiseMetrics(
    predicted,
    labelled.map((l) => l.clusterId),
  );
  return {
    ...metrics,
    records: labelled.length,
    seconds,
    recordsPerSecond: seconds > 0 ? labelled.length / seconds : 0,
    persons: result.persons.length,
    candidates: result.candidates.length,
    result,
  };
}
