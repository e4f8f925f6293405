import { agencyContext, type AgencyContext, type AgencyContextInput, type IsoDate } from "@ffd/shared";
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

export interface ChildrensCentresContext extends AgencyContext<ChildrensCentresLoaders> {
  /** Attendance is counted as of this date (config.REFERENCE_DATE). */
  referenceDate: IsoDate;
}

/** A request's context (the kit's): fresh loaders, each guarded (the case system down, or answering bad rows, is AGENCY_UNAVAILABLE). */
export function createContext(
  input: AgencyContextInput<ChildrensCentresSource> & { referenceDate: IsoDate },
): ChildrensCentresContext {
  const { referenceDate } = input;
  const context = agencyContext("childrens-centres", input, (source, guarded) => ({
    member: createMemberLoader(source, guarded),
    household: createHouseholdLoader(source, guarded),
    centre: createCentreLoader(source, guarded),
    attendance: createAttendanceLoader(source, referenceDate, guarded),
  }));
  return { ...context, referenceDate };
}
