import type { IdentitySource, InvolvementSource, IsoDate, SexCode } from "@ffd/shared";

/**
 * The children's centres case system as the subgraph sees it: batches of keys in, domain
 * values out, never raw rows. Every batch method returns one result per key, in key order
 * (`null` or an empty list for a key the system does not hold). The system down is the shared
 * AgencySystemUnavailable, a row breaking its contract the kit's AgencyRowsInvalid.
 */

export type CentreMemberRole = "CARER" | "CHILD";

/** A person registered as a member of a household: a carer or a child. */
export interface CentreMember {
  memberRef: string;
  householdRef: string;
  role: CentreMemberRole;
  /** To the household's lead carer, as recorded: 'Self', 'Partner', 'Son', ... */
  relationship: string | null;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: IsoDate | null;
  sex: SexCode;
  /** Digits only; rarely recorded. */
  nhsNumber: string | null;
}

/** A household registered at a centre. */
export interface CentreHousehold {
  reference: string;
  centreCode: string;
  addressLine1: string | null;
  town: string | null;
  /** Normalised: upper case, one space before the inward code. */
  postcode: string | null;
  registeredOn: IsoDate;
  consentToShare: boolean;
}

export interface Centre {
  code: string;
  name: string;
  cluster: string;
  locality: string;
  postcode: string;
  inMostDeprived30Percent: boolean;
}

export interface AttendedSession {
  sessionId: number;
  date: IsoDate;
  activity: string;
  centreCode: string;
}

/**
 * The centres' involvement (involvements()): CURRENT when the member's household registered, or
 * the member attended a session, in the last 12 months; HISTORIC otherwise. The lead practitioner
 * is the household's key worker at its centre (the centre's reception line), since is the date
 * the household registered, the last contact the last session the member attended.
 */
export interface ChildrensCentresSource extends IdentitySource, InvolvementSource {
  membersByRef(memberRefs: readonly string[]): Promise<(CentreMember | null)[]>;
  householdsByRef(householdRefs: readonly string[]): Promise<(CentreHousehold | null)[]>;
  /** The centre directory, ordered by centre code (a borough has tens of centres). */
  allCentres(): Promise<Centre[]>;
  /**
   * Sessions each member attended on or before `asOf`, most recent first (one list per
   * member, in key order).
   */
  attendanceByMember(memberRefs: readonly string[], asOf: IsoDate): Promise<AttendedSession[][]>;
}
