import type { IsoDate } from "./dates";

/**
 * The identity feed: what an agency subgraph tells family-index about each of its local
 * records, so that family-index can link records to people and people to families. Only
 * identifiers and demographics, never clinical or case data. Values are as the agency holds
 * them, normalised only in form (NHS number digits only, postcode upper case with one space,
 * dates ISO); spelling mistakes and wrong dates are left for linkage to deal with.
 */
export type FamilyRelationship = "MOTHER" | "FATHER" | "SECOND_PARENT" | "CARER" | "CHILD" | "SIBLING";
export type SexCode = "FEMALE" | "MALE" | "UNKNOWN";

export interface IdentityRelation {
  /** Local id, in the same agency, of the related record. */
  localId: string;
  /** What the related record is to this one: on a baby's record, its mother is "MOTHER". */
  relationship: FamilyRelationship;
}

export interface IdentityRecord {
  localId: string;
  nhsNumber: string | null;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: IsoDate | null;
  sex: SexCode | null;
  postcode: string | null;
  relations: IdentityRelation[];
  /** A household or family grouping the agency itself keeps (children's centres households). */
  householdId?: string | null;
  /**
   * The care unit holding the record, for judging a worker's legitimate relationship with the
   * family (relationship.ts): `hv-caseload:<id>`, `centre:<code>`, `maternity-provider:<code>`.
   */
  careUnit?: string | null;
}

export interface IdentityFeedPage {
  agency: string;
  records: IdentityRecord[];
  /**
   * Local ids of records the agency no longer holds (a change read only; none in a whole read).
   * Absent from an agency kit older than change cursors.
   */
  deleted?: string[];
  /** Opaque: pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
  /**
   * On the last page of a read (whole or of changes): opaque, pass as `after` later to read what
   * changed since this read began; null when the agency keeps no change log.
   */
  changeCursor?: string | null;
}

/** Audience of the service token that family-index presents to an identity feed. */
export const IDENTITY_FEED_AUDIENCE = "identity-feed";
export const IDENTITY_FEED_PATH = "/internal/identity-feed";
export const IDENTITY_FEED_MAX_PAGE = 5000;

/** Postcode in its standard form: upper case, one space before the inward code. */
export function normalisePostcode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const compact = raw.replace(/\s+/g, "").toUpperCase();
  if (compact.length < 5 || compact.length > 7) return compact || null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}
