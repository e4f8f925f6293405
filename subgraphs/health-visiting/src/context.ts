import { agencyContext, type AgencyContext, type AgencyContextInput, type IsoDate } from "@ffd/shared";
import {
  createHealthVisitingLoaders,
  type HealthVisitingLoaders,
} from "./entities/health-visiting-record/health-visiting-record.loader";
import type { HealthVisitingSource } from "./source/health-visiting.port";

export interface HealthVisitingContext extends AgencyContext<HealthVisitingLoaders> {
  /** Statuses are worked out as of this date (config.REFERENCE_DATE), never the clock. */
  referenceDate: IsoDate;
}

/** A request's context (the kit's): fresh loaders, each guarded (the patient system down, or answering bad rows, is AGENCY_UNAVAILABLE). */
export function createContext(
  input: AgencyContextInput<HealthVisitingSource> & { referenceDate: IsoDate },
): HealthVisitingContext {
  return {
    ...agencyContext("health-visiting", input, createHealthVisitingLoaders),
    referenceDate: input.referenceDate,
  };
}
