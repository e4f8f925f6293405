import type { GuardedLoaders, LocalityDirectory } from "@ffd/shared";
import type DataLoader from "dataloader";
import { joinSpans, withinSpans } from "../mandated-review/schedule";
import type { DateSpan, HealthVisitingSource, HvPatient } from "../../source/health-visiting.port";

export interface HealthVisitingLoaders {
  /** Patient records by local id (pat_id as a decimal string); null for an id the system does not hold. */
  patient: DataLoader<string, HvPatient | null>;
  /**
   * The child patients of a locality (a locality id of the reference; unknown: none) born in
   * `bornIn`, placed by their postcode. Every locality and span asked in one request is one source
   * call (one query per table), for the sectors and spans of all of them.
   */
  localityChildren(locality: string, bornIn: readonly DateSpan[]): Promise<HvPatient[]>;
}

/** Built per request (in createContext), never at module level; guarded by the kit. */
export function createHealthVisitingLoaders(
  source: HealthVisitingSource,
  guarded: GuardedLoaders,
  localities: LocalityDirectory,
): HealthVisitingLoaders {
  // Keyed by the locality and spans as JSON: DataLoader caches by key, and an object is no key.
  const localityChildren = guarded.loader(async (keys: readonly string[]) => {
    const asked = keys.map((k) => JSON.parse(k) as { locality: string; bornIn: DateSpan[] });
    const children = await source.childrenInSectors(
      [...new Set(asked.flatMap((a) => localities.sectorsOf(a.locality)))],
      joinSpans(asked.flatMap((a) => a.bornIn)),
    );
    return asked.map(({ locality, bornIn }) =>
      children.filter(
        (c) =>
          c.postcode !== null &&
          localities.reachAreaOf(c.postcode)?.locality.id === locality &&
          withinSpans(c.dateOfBirth, bornIn),
      ),
    );
  });
  return {
    patient: guarded.loader((localIds: readonly string[]) => source.patientsByLocalIds(localIds)),
    localityChildren: (locality, bornIn) => localityChildren.load(JSON.stringify({ locality, bornIn })),
  };
}
