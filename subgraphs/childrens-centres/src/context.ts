import { guardedLoaders, type Caller, type IsoDate, type Logger } from "@ffd/shared";
import type { ChildrensCentresConfig } from "./config";
import { createCentreLoader, type CentreLoader } from "./entities/centre/centre.loader";
import { createHouseholdLoader, type HouseholdLoader } from "./entities/household/household.loader";
import {
  createAttendanceLoader,
  createMemberLoader,
  type AttendanceLoader,
  type MemberLoader,
} from "./entities/registration/registration.loader";
import type { ChildrensCentresSource } from "./source/childrens-centres.port";

export interface ChildrensCentresLoaders {
  member: MemberLoader;
  household: HouseholdLoader;
  centre: CentreLoader;
  attendance: AttendanceLoader;
}

export interface ChildrensCentresContext {
  requestId: string;
  /** Who is asking and why, as the gateway vouched (what the access policy is enforced against). */
  caller: Caller | null;
  /** Attendance is counted as of this date (config.REFERENCE_DATE). */
  referenceDate: IsoDate;
  loaders: ChildrensCentresLoaders;
}

export interface ContextOptions {
  source: ChildrensCentresSource;
  config: Pick<ChildrensCentresConfig, "REFERENCE_DATE">;
  logger: Logger;
  requestId: string;
  caller: Caller | null;
}

/**
 * A fresh context per request: loaders (and their caches) never outlive one request; each loader
 * guarded by the kit (the case system down, or answering bad rows, is AGENCY_UNAVAILABLE).
 */
export function createContext({ source, config, logger, requestId, caller }: ContextOptions): ChildrensCentresContext {
  const guarded = guardedLoaders("childrens-centres", logger, requestId);
  return {
    requestId,
    caller,
    referenceDate: config.REFERENCE_DATE,
    loaders: {
      member: createMemberLoader(source, guarded),
      household: createHouseholdLoader(source, guarded),
      centre: createCentreLoader(source, guarded),
      attendance: createAttendanceLoader(source, config.REFERENCE_DATE, guarded),
    },
  };
}
