import type { GuardedLoaders, LocalityDirectory } from "@ffd/shared";
import type DataLoader from "dataloader";
import type { HealthVisitingSource, HvPatient } from "../../source/health-visiting.port";

export interface HealthVisitingLoaders {
  /** Patient records by local id (pat_id as a decimal string); null for an id the system does not hold. */
  patient: DataLoader<string, HvPatient | null>;
  /**
   * The child patients of each locality (a locality id of the reference; unknown: none), placed by
   * their postcode: every locality asked in one request is one source call (one query per table).
   */
  localityChildren: DataLoader<string, HvPatient[]>;
}

/** Built per request (in createContext), never at module level; guarded by the kit. */
export function createHealthVisitingLoaders(
  source: HealthVisitingSource,
  guarded: GuardedLoaders,
  localities: LocalityDirectory,
): HealthVisitingLoaders {
  return {
    patient: guarded.loader((localIds: readonly string[]) => source.patientsByLocalIds(localIds)),
    localityChildren: guarded.loader(async (localityIds: readonly string[]) => {
      const children = await source.childrenInSectors(localityIds.flatMap((id) => localities.sectorsOf(id)));
      return localityIds.map((id) =>
        children.filter((c) => c.postcode !== null && localities.reachAreaOf(c.postcode)?.locality.id === id),
      );
    }),
  };
}
