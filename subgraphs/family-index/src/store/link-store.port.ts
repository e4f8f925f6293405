import type { Agency } from "@ffd/shared";
import type { LinkedFamilyMember, LinkedIndex, LinkedPerson, LinkedRecord, ReviewDecision } from "../linkage/types";

export interface StoredFamily {
  id: string;
  anchorPersonId: string;
  memberCount: number;
}

export interface BuildInfo {
  agencies: readonly Agency[];
  missing: readonly Agency[];
  startedAt: Date;
}

/**
 * The link store. Reads take the build (generation) they read from, so one request sees one
 * index from start to end; batch methods take arrays of keys and return results in key order.
 */
export interface LinkStore {
  /** Creates the store's tables if they do not exist. */
  migrate(): Promise<void>;
  reviewDecisions(): Promise<ReviewDecision[]>;
  /** Writes a whole index as a new generation, then makes it current; returns its build id. */
  writeBuild(index: LinkedIndex, info: BuildInfo): Promise<number>;
  personsByIds(buildId: number, ids: readonly string[]): Promise<(LinkedPerson | null)[]>;
  recordsByPersonIds(buildId: number, personIds: readonly string[]): Promise<LinkedRecord[][]>;
  familiesByIds(buildId: number, ids: readonly string[]): Promise<(StoredFamily | null)[]>;
  membersByFamilyIds(buildId: number, familyIds: readonly string[]): Promise<LinkedFamilyMember[][]>;
}
