import {
  agencyContext,
  type AgencyContext,
  type AgencyContextInput,
  type IsoDate,
  type LocalityDirectory,
} from "@ffd/shared";
import {
  createHealthVisitingLoaders,
  type HealthVisitingLoaders,
} from "./entities/health-visiting-record/health-visiting-record.loader";
import type { HealthVisitingSource } from "./source/health-visiting.port";

export interface HealthVisitingContext extends AgencyContext<HealthVisitingLoaders> {
  /** Statuses are worked out as of this date (config.REFERENCE_DATE), never the clock. */
  referenceDate: IsoDate;
  /** The locality reference (LOCALITY_REFERENCE_FILE), read once at start: a patient's locality from their postcode. */
  localities: LocalityDirectory;
}

/** A request's context (the kit's): fresh loaders, each guarded (the patient system down, or answering bad rows, is AGENCY_UNAVAILABLE). */
export function createContext(
  input: AgencyContextInput<HealthVisitingSource> & { referenceDate: IsoDate; localities: LocalityDirectory },
): HealthVisitingContext {
  return {
    ...agencyContext("health-visiting", input, (source, guarded) =>
      createHealthVisitingLoaders(source, guarded, input.localities),
    ),
    referenceDate: input.referenceDate,
    localities: input.localities,
  };
}
