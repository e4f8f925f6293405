import type { AgencyEventSource, IdentitySource, InvolvementSource, IsoDate } from "@ffd/shared";

/**
 * What the children's social care subgraph needs from the case management system, in its own
 * words: one batch method over client numbers, answering in key order (null for a client the
 * system does not hold). The system's codes and its 'YYYYMMDD' dates never cross this boundary
 * (childrens-social-care.codes.ts translates them). The system down is the shared
 * AgencySystemUnavailable, a row breaking its contract the kit's AgencyRowsInvalid.
 */
export interface ChildrensSocialCareSource extends IdentitySource, InvolvementSource, AgencyEventSource {
  /** Clients by client number ('C' and seven digits), each with their episodes and allocated worker. */
  clients(clientNos: readonly string[]): Promise<(SocialCareClient | null)[]>;
}

/** The flags CP-IS shares with health and care staff, one per episode of involvement. */
export enum SafeguardingFlagType {
  CHILD_PROTECTION_PLAN = "CHILD_PROTECTION_PLAN",
  /** An unborn child's plan, held on the expectant mother's record. */
  UNBORN_CHILD_PROTECTION_PLAN = "UNBORN_CHILD_PROTECTION_PLAN",
  LOOKED_AFTER = "LOOKED_AFTER",
  CHILD_IN_NEED = "CHILD_IN_NEED",
}

/** The CIN census's categories of abuse, under which a child protection plan is made. */
export enum CategoryOfAbuse {
  NEGLECT = "NEGLECT",
  PHYSICAL_ABUSE = "PHYSICAL_ABUSE",
  EMOTIONAL_ABUSE = "EMOTIONAL_ABUSE",
  SEXUAL_ABUSE = "SEXUAL_ABUSE",
  MULTIPLE = "MULTIPLE",
}

export interface SocialWorker {
  name: string;
  team: string;
  phone: string;
}

/** One episode of involvement: a plan, a period looked after, or a period in need. */
export interface Episode {
  id: string;
  type: SafeguardingFlagType;
  startedOn: IsoDate;
  endedOn: IsoDate | null;
  /** Plans only. */
  categoryOfAbuse: CategoryOfAbuse | null;
  /** Why: the primary need (in need) or the legal status (looked after), in words; null for a plan. */
  reason: string | null;
  /** Review conferences of a plan, earliest first; empty for anything else. */
  reviews: IsoDate[];
}

export interface SocialCareClient {
  clientNo: string;
  socialWorker: SocialWorker | null;
  /** Earliest start first. */
  episodes: Episode[];
}
