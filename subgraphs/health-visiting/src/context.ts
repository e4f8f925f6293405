import { guardedLoaders, type Caller, type IsoDate, type Logger } from "@ffd/shared";
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

export interface ContextDeps {
  source: HealthVisitingSource;
  referenceDate: IsoDate;
  logger: Logger;
}

/**
 * One per request: fresh loaders, so nothing is cached across callers; each loader guarded by
 * the kit (the patient system down, or answering bad rows, is AGENCY_UNAVAILABLE).
 */
export function createContext(deps: ContextDeps, requestId: string, caller: Caller | null): HealthVisitingContext {
  return {
    requestId,
    caller,
    referenceDate: deps.referenceDate,
    loaders: createHealthVisitingLoaders(deps.source, guardedLoaders("health-visiting", deps.logger, requestId)),
  };
}
