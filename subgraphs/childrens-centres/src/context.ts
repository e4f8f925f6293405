import { guardedLoaders, type AgencyContextInput, type Caller, type IsoDate } from "@ffd/shared";
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

/**
 * A fresh context per request: loaders (and their caches) never outlive one request; each loader
 * guarded by the kit (the case system down, or answering bad rows, is AGENCY_UNAVAILABLE).
 */
export function createContext({
  source,
  logger,
  requestId,
  caller,
  referenceDate,
}: AgencyContextInput<ChildrensCentresSource> & { referenceDate: IsoDate }): ChildrensCentresContext {
  const guarded = guardedLoaders("childrens-centres", logger, requestId);
  return {
    requestId,
    caller,
    referenceDate,
    loaders: {
      member: createMemberLoader(source, guarded),
      household: createHouseholdLoader(source, guarded),
      centre: createCentreLoader(source, guarded),
      attendance: createAttendanceLoader(source, referenceDate, guarded),
    },
  };
}
