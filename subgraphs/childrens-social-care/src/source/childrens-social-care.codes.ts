import { CategoryOfAbuse, SafeguardingFlagType } from "./childrens-social-care.port";

/**
 * The case management system's codes and dates, translated once. The codes are the statutory
 * returns' (CIN census, SSDA903); a code outside these sets breaks the system's contract and is
 * refused by the row schema (the kit's bad-row policy), never guessed.
 */

export const EPISODE_TYPES = {
  CPP: SafeguardingFlagType.CHILD_PROTECTION_PLAN,
  UCPP: SafeguardingFlagType.UNBORN_CHILD_PROTECTION_PLAN,
  LAC: SafeguardingFlagType.LOOKED_AFTER,
  CIN: SafeguardingFlagType.CHILD_IN_NEED,
} as const;
export type EpisodeCode = keyof typeof EPISODE_TYPES;

export const ABUSE_CATEGORIES = {
  NEG: CategoryOfAbuse.NEGLECT,
  PHY: CategoryOfAbuse.PHYSICAL_ABUSE,
  EMO: CategoryOfAbuse.EMOTIONAL_ABUSE,
  SAB: CategoryOfAbuse.SEXUAL_ABUSE,
  MUL: CategoryOfAbuse.MULTIPLE,
} as const;
export type AbuseCode = keyof typeof ABUSE_CATEGORIES;

/** CIN census primary need codes. */
export const PRIMARY_NEEDS = {
  N1: "Abuse or neglect",
  N2: "Child's disability or illness",
  N3: "Parent's disability or illness",
  N4: "Family in acute stress",
  N5: "Family dysfunction",
  N6: "Socially unacceptable behaviour",
  N7: "Low income",
  N8: "Absent parenting",
  N9: "Cases other than children in need",
} as const;
export type NeedCode = keyof typeof PRIMARY_NEEDS;

/** SSDA903 legal statuses the system records. */
export const LEGAL_STATUSES = {
  C2: "Full care order",
  V2: "Accommodated under section 20",
  E1: "Placement order",
  L1: "Police protection",
} as const;
export type LegalStatusCode = keyof typeof LEGAL_STATUSES;

/** 'YYYYMMDD' as an ISO date; the caller has checked the form. */
export function isoOfCscDate(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
}

/** Client numbers are 'C' and seven digits. */
export function isClientNo(value: string): boolean {
  return /^C\d{7}$/.test(value);
}
