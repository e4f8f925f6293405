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

/**
 * The name of the system a record comes from. In the subgraph it is always an agency; the
 * linkage core also links records of other sources (a council's own labelled file, read by
 * `linkage:eval --csv`), so its types take the source name as a parameter that defaults to
 * Agency. A source name never holds ":" or white space (record keys are "<source>:<localId>").
 */
export type SourceName = string;

/** "<agency>:<localId>": one agency local record. */
export type RecordKey = string;

export function recordKey(agency: SourceName, localId: string): RecordKey {
  return `${agency}:${localId}`;
}

/**
 * What a source may hold beyond the identity feed (a council's own file: `linkage:eval --csv`).
 * The agencies' feeds carry none of it, so their comparisons of these fields are always missing.
 */
export interface ExtraIdentity {
  /** Address lines as held, joined with ", " (no postcode, no town). */
  address?: string | null;
  town?: string | null;
  /** Other identifiers by name ("upn" -> "A123..."), compared exactly where both records hold one. */
  identifiers?: Readonly<Record<string, string>> | null;
}

/** An identity record as read from an agency's feed (or another source), with the source it came from. */
export interface SourceRecord<S extends SourceName = Agency> extends IdentityRecord, ExtraIdentity {
  agency: S;
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
export interface LinkageRecord<S extends SourceName = Agency> {
  key: RecordKey;
  agency: S;
  localId: string;
  source: SourceRecord<S>;
  /** Digits only, and only when it passes the Modulus 11 check. */
  validNhsNumber: string | null;
  givenName: string | null;
  familyName: string | null;
  postcode: string | null;
}

/** One record in the built index: which person it is and why. */
export interface LinkedRecord<S extends SourceName = Agency> {
  agency: S;
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
