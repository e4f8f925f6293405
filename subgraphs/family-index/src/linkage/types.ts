import {
  AGENCIES,
  type Agency,
  type FamilyRelationship,
  type IdentityRecord,
  type IsoDate,
  type SexCode,
} from "@ffd/shared";
import type { FieldEvidence } from "./model";

/**
 * The linkage domain: agency records (identifiers and demographics only), the people they are,
 * and the families those people form. Nothing here holds agency case data.
 */

/** The fixed agency order: anchors, tie-breaks and ids depend on it, so never reorder it. */
export const AGENCY_ORDER: readonly Agency[] = AGENCIES;

/** "<agency>:<localId>": one agency local record. */
export type RecordKey = string;

export function recordKey(agency: Agency, localId: string): RecordKey {
  return `${agency}:${localId}`;
}

/** An identity record as read from an agency's feed, with the agency it came from. */
export interface SourceRecord extends IdentityRecord {
  agency: Agency;
}

/** Why a record belongs to its person. */
export type LinkRuleName =
  /** The person's anchor record: the one its id is derived from. */
  | "ANCHOR"
  /** Same valid NHS number and same date of birth. */
  | "NHS_NUMBER_AND_DATE_OF_BIRTH"
  /** Same normalised given name, family name, date of birth and postcode. */
  | "NAME_DATE_OF_BIRTH_AND_POSTCODE"
  /** Fellegi-Sunter match probability at or above the link threshold (name, date of birth, sex, postcode, NHS number). */
  | "PROBABILISTIC"
  /** A person reviewing the pair decided they are the same person. */
  | "REVIEWED_SAME_PERSON";

/** A link between two records that a rule (or a reviewer) proposes. */
export interface RecordLink {
  a: RecordKey;
  b: RecordKey;
  rule: Exclude<LinkRuleName, "ANCHOR">;
  /** 0..1: 1 for deterministic rules and reviewers; a probabilistic rule gives its match probability. */
  confidence: number;
  /** Probabilistic links: the match weight (bits) and each field's comparison level and weight. */
  weight?: number;
  evidence?: FieldEvidence[];
}

/** What a reviewer decided about a pair of records; persists across rebuilds. */
export interface ReviewDecision {
  a: RecordKey;
  b: RecordKey;
  decision: "SAME_PERSON" | "NOT_SAME_PERSON";
}

/** A source record with the normalised values linkage compares. */
export interface LinkageRecord {
  key: RecordKey;
  agency: Agency;
  localId: string;
  source: SourceRecord;
  /** Digits only, and only when it passes the Modulus 11 check. */
  validNhsNumber: string | null;
  givenName: string | null;
  familyName: string | null;
  postcode: string | null;
}

/** One record in the built index: which person it is and why. */
export interface LinkedRecord {
  agency: Agency;
  localId: string;
  personId: string;
  rule: LinkRuleName;
  confidence: number;
  /** The record this one was linked to (null for the anchor). */
  linkedTo: RecordKey | null;
  /** As the agency holds it (digits only), valid or not. */
  nhsNumber: string | null;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: IsoDate | null;
  sex: SexCode | null;
  postcode: string | null;
  householdId: string | null;
  /**
   * The care unit holding the record (`hv-caseload:<id>`, `centre:<code>`,
   * `maternity-provider:<code>`), for legitimate relationships; null when the agency names none.
   */
  careUnit: string | null;
}

export interface LinkedPerson {
  id: string;
  anchor: RecordKey;
  nhsNumber: string | null;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: IsoDate | null;
  sex: SexCode | null;
  postcode: string | null;
  familyId: string | null;
}

export type MemberRelationship = FamilyRelationship;

export interface LinkedFamilyMember {
  familyId: string;
  personId: string;
  relationship: MemberRelationship;
}

export interface LinkedFamily {
  id: string;
  /** The member whose id the family id derives from. */
  anchorPersonId: string;
  members: LinkedFamilyMember[];
}

export interface LinkedIndex {
  records: LinkedRecord[];
  persons: LinkedPerson[];
  families: LinkedFamily[];
}
