import { agencyUnavailable, errorFields, type Caller, type IsoDate, type Logger } from "@ffd/shared";
import type { Config } from "./config";
import { SERVICE_NAME } from "./config";
import { createCentreLoader, type CentreLoader } from "./entities/centre/centre.loader";
import { createHouseholdLoader, type HouseholdLoader } from "./entities/household/household.loader";
import {
  createAttendanceLoader,
  createMemberLoader,
  type AttendanceLoader,
  type MemberLoader,
} from "./entities/registration/registration.loader";
import { SourceUnavailableError, type ChildrensCentresSource } from "./source/childrens-centres.port";

/** Runs work against the case system; an unreachable system becomes AGENCY_UNAVAILABLE. */
export type AgencyGuard = <T>(work: () => Promise<T>) => Promise<T>;

export interface Loaders {
  member: MemberLoader;
  household: HouseholdLoader;
  centre: CentreLoader;
  attendance: AttendanceLoader;
}

export interface Context {
  requestId: string;
  /** Who is asking and why, as the gateway vouched (what the access policy is enforced against). */
  caller: Caller | null;
  /** Attendance is counted as of this date (config.REFERENCE_DATE). */
  referenceDate: IsoDate;
  source: ChildrensCentresSource;
  guard: AgencyGuard;
  loaders: Loaders;
}

export function agencyGuard(logger: Logger, requestId: string): AgencyGuard {
  return async (work) => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof SourceUnavailableError) {
        // The cause's message may quote connection details: log only the driver's error code.
        logger.error("agency_db.unavailable", { requestId, agency: SERVICE_NAME, ...errorFields(err) });
        throw agencyUnavailable(SERVICE_NAME);
      }
      throw err;
    }
  };
}

export interface ContextOptions {
  source: ChildrensCentresSource;
  config: Pick<Config, "REFERENCE_DATE">;
  logger: Logger;
  requestId: string;
  caller: Caller | null;
}

/** A fresh context per request: loaders (and their caches) never outlive one request. */
export function createContext({ source, config, logger, requestId, caller }: ContextOptions): Context {
  const guard = agencyGuard(logger, requestId);
  return {
    requestId,
    caller,
    referenceDate: config.REFERENCE_DATE,
    source,
    guard,
    loaders: {
      member: createMemberLoader(source, guard),
      household: createHouseholdLoader(source, guard),
      centre: createCentreLoader(source, guard),
      attendance: createAttendanceLoader(source, config.REFERENCE_DATE, guard),
    },
  };
}
