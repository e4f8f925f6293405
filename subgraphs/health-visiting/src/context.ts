import { guardedLoaders, type AgencyContextInput, type Caller, type IsoDate } from "@ffd/shared";
import {
  createHealthVisitingLoaders,
  type HealthVisitingLoaders,
} from "./entities/health-visiting-record/health-visiting-record.loader";
import type { HealthVisitingSource } from "./source/health-visiting.port";

export interface HealthVisitingContext {
  requestId: string;
  /** Who is asking and why, as the gateway vouched (what the access policy is enforced against). */
  caller: Caller | null;
  /** Statuses are worked out as of this date (config.REFERENCE_DATE), never the clock. */
  referenceDate: IsoDate;
  loaders: HealthVisitingLoaders;
}

/**
 * One per request: fresh loaders, so nothing is cached across callers; each loader guarded by
 * the kit (the patient system down, or answering bad rows, is AGENCY_UNAVAILABLE).
 */
export function createContext({
  source,
  logger,
  requestId,
  caller,
  referenceDate,
}: AgencyContextInput<HealthVisitingSource> & { referenceDate: IsoDate }): HealthVisitingContext {
  return {
    requestId,
    caller,
    referenceDate,
    loaders: createHealthVisitingLoaders(source, guardedLoaders("health-visiting", logger, requestId)),
  };
}
