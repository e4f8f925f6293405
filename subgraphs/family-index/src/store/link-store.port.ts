import type { Agency } from "@ffd/shared";
import type {
  LinkedFamilyMember,
  LinkedIndex,
  LinkedPerson,
  LinkedRecord,
  RecordKey,
  ReviewDecision,
  SourceRecord,
} from "../linkage/types";
import type { ResumePoint, StoredGeneration } from "../indexer/resume";

export interface StoredFamily {
  id: string;
  anchorPersonId: string;
  memberCount: number;
}

export interface BuildInfo {
  agencies: readonly Agency[];
  missing: readonly Agency[];
  startedAt: Date;
  /**
   * Kept with the generation so that a restart resumes from it (loadGeneration): the resume point,
   * and each written record's source as linked. Absent: the generation cannot be resumed.
   */
  resume?: { point: ResumePoint; sourceOf(key: RecordKey): SourceRecord | undefined };
}

/** Which review action made a decision. */
export type ReviewKind = "CONFIRM" | "REJECT" | "UNLINK";

/** A decision to record: who made it is required (decisions without a known person are refused). */
export interface NewReviewDecision extends ReviewDecision {
  kind: ReviewKind;
  decidedBy: string;
  decidedRole: string;
  note: string | null;
  /** The match probability the steward saw, when the pair was a candidate. */
  probability: number | null;
}

export interface StoredReviewDecision extends NewReviewDecision {
  id: number;
  /** ISO 8601, set by the store when the decision is recorded. */
  decidedAt: string;
}

/**
 * What the outreach list (Query.newBirthsNotKnownToCentres) asks of the store: children born
 * between two dates (inclusive) whose family holds no record of one agency, and one of whose
 * members holds a postcode in one of the given sectors (the locality's: a necessary condition of
 * the family's address being in it, which the caller then decides with the address rule).
 */
export interface BirthsUnknownToQuery {
  bornFrom: string;
  bornTo: string;
  /** The agency no member of the family may be known to ('childrens-centres'). */
  unknownTo: Agency;
  /** Postcode sectors ('DY1 4'): a family none of whose members lives in one is not returned. */
  sectors: readonly string[];
}

/** A child found by `birthsUnknownTo`, with every member of their family (the child among them). */
export interface BirthUnknownTo {
  child: LinkedPerson;
  familyId: string;
  members: { relationship: LinkedFamilyMember["relationship"]; person: LinkedPerson }[];
}

/**
 * What the locality profile (Query.localityProfile) asks of the store: the children born between
 * two dates (inclusive: under-5s) who hold a postcode in one of the given sectors (the
 * locality's), counted by postcode, with how many of them one agency knows, and the same for
 * those born since a later date (the births of the last 12 months). Counts only: no one named.
 */
export interface ChildrenByPostcodeQuery {
  bornFrom: string;
  bornTo: string;
  /** The first date of birth of the recent births (between bornFrom and bornTo). */
  recentFrom: string;
  /** The agency whose knowing a child is counted ('childrens-centres': registered with a centre). */
  knownTo: Agency;
  /** Postcode sectors ('DY1 4'): a child whose own postcode is in none of them is not counted. */
  sectors: readonly string[];
}

/** One postcode's counts for `childrenByPostcode`. */
export interface ChildrenAtPostcode {
  postcode: string;
  /** Children born in the window whose postcode this is. */
  children: number;
  /** Of them, those with a record of the agency asked about. */
  known: number;
  /** Of the children, those born since `recentFrom`. */
  recent: number;
  /** Of the recent births, those with a record of the agency. */
  recentKnown: number;
}

/** What changed between the previous generation and a new one (incremental updates). */
export interface IndexChanges {
  /** Record keys ("<agency>:<localId>") whose row is new, changed or gone. */
  records: ReadonlySet<RecordKey>;
  /** Person ids whose row is new, changed or gone. */
  persons: ReadonlySet<string>;
  /** Family ids whose rows (family or members) are new, changed or gone. */
  families: ReadonlySet<string>;
}

/**
 * The link store. Reads take the build (generation) they read from, so one request sees one
 * index from start to end; batch methods take arrays of keys and return results in key order.
 */
export interface LinkStore {
  /** Creates the store's tables if they do not exist. */
  migrate(): Promise<void>;
  /** The decisions in force: the latest about each pair of records, oldest first. */
  reviewDecisions(): Promise<ReviewDecision[]>;
  /** The id of the latest decision recorded (0: none): decisions after it are new to whoever read this. */
  lastDecisionId(): Promise<number>;
  /** Every decision recorded, oldest first (the audit of who decided what, and when). */
  reviewLog(): Promise<StoredReviewDecision[]>;
  /** Records decisions (one time for all of them); returns them as stored. */
  recordDecisions(decisions: readonly NewReviewDecision[]): Promise<StoredReviewDecision[]>;
  /** Writes a whole index as a new generation, then makes it current; returns its build id. */
  writeBuild(index: LinkedIndex, info: BuildInfo): Promise<number>;
  /**
   * Writes a new generation that is the previous one with only the changed rows replaced
   * (unchanged rows are copied inside the database, not sent again), then makes it current.
   */
  writeChanges(previousBuildId: number, index: LinkedIndex, changes: IndexChanges, info: BuildInfo): Promise<number>;
  /**
   * The current generation whole, with its resume point and every record's source; null when there
   * is none, or it was written without them (by a store from before resume points).
   */
  loadGeneration(): Promise<StoredGeneration | null>;
  /**
   * Replaces the change cursors of a generation's resume point (nothing else of it): where the
   * agencies were read to since, when that changed nothing linked (an agency read whole again, its
   * database made again), so that a restart reads changes from there. False when the generation
   * has no resume point.
   */
  updateResumeCursors(buildId: number, changeCursors: ResumePoint["changeCursors"]): Promise<boolean>;
  recordsByKeys(buildId: number, keys: readonly RecordKey[]): Promise<(LinkedRecord | null)[]>;
  personsByIds(buildId: number, ids: readonly string[]): Promise<(LinkedPerson | null)[]>;
  recordsByPersonIds(buildId: number, personIds: readonly string[]): Promise<LinkedRecord[][]>;
  familiesByIds(buildId: number, ids: readonly string[]): Promise<(StoredFamily | null)[]>;
  membersByFamilyIds(buildId: number, familyIds: readonly string[]): Promise<LinkedFamilyMember[][]>;
  /** One query, whatever the number of families: see BirthsUnknownToQuery. Children by id. */
  birthsUnknownTo(buildId: number, query: BirthsUnknownToQuery): Promise<BirthUnknownTo[]>;
  /** One query, whatever the number of children: see ChildrenByPostcodeQuery. By postcode, in order. */
  childrenByPostcode(buildId: number, query: ChildrenByPostcodeQuery): Promise<ChildrenAtPostcode[]>;
}
