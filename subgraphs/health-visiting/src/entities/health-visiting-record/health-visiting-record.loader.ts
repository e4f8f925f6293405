import type { GuardedLoaders } from "@ffd/shared";
import type DataLoader from "dataloader";
import type { HealthVisitingSource, HvPatient } from "../../source/health-visiting.port";

export interface HealthVisitingLoaders {
  /** Patient records by local id (pat_id as a decimal string); null for an id the system does not hold. */
  patient: DataLoader<string, HvPatient | null>;
}

/** Built per request (in createContext), never at module level; guarded by the kit. */
export function createHealthVisitingLoaders(
  source: HealthVisitingSource,
  guarded: GuardedLoaders,
): HealthVisitingLoaders {
  return { patient: guarded.loader((localIds: readonly string[]) => source.patientsByLocalIds(localIds)) };
}
