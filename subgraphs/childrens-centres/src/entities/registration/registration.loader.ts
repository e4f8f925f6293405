import type { GuardedLoaders, IsoDate } from "@ffd/shared";
import type DataLoader from "dataloader";
import type { AttendedSession, CentreMember, ChildrensCentresSource } from "../../source/childrens-centres.port";

export type MemberLoader = DataLoader<string, CentreMember | null>;
export type AttendanceLoader = DataLoader<string, AttendedSession[]>;

export function createMemberLoader(source: ChildrensCentresSource, guarded: GuardedLoaders): MemberLoader {
  return guarded.loader((refs: readonly string[]) => source.membersByRef(refs));
}

/** Every session each member attended up to the reference date: one query for all members asked. */
export function createAttendanceLoader(
  source: ChildrensCentresSource,
  asOf: IsoDate,
  guarded: GuardedLoaders,
): AttendanceLoader {
  return guarded.loader((refs: readonly string[]) => source.attendanceByMember(refs, asOf));
}
