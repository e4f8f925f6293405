import { loaderFor, type IsoDate } from "@ffd/shared";
import type DataLoader from "dataloader";
import type { AgencyGuard } from "../../context";
import type { AttendedSession, CentreMember, ChildrensCentresSource } from "../../source/childrens-centres.port";

export type MemberLoader = DataLoader<string, CentreMember | null>;
export type AttendanceLoader = DataLoader<string, AttendedSession[]>;

export function createMemberLoader(source: ChildrensCentresSource, guard: AgencyGuard): MemberLoader {
  return loaderFor((refs) => guard(() => source.membersByRef(refs)));
}

/** Every session each member attended up to the reference date: one query for all members asked. */
export function createAttendanceLoader(
  source: ChildrensCentresSource,
  asOf: IsoDate,
  guard: AgencyGuard,
): AttendanceLoader {
  return loaderFor((refs) => guard(() => source.attendanceByMember(refs, asOf)));
}
