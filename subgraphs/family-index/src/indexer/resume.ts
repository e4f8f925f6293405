import { createHash } from "node:crypto";
import type { Agency } from "@ffd/shared";
import type { MatchModel } from "../linkage/model";
import type { LinkageRule } from "../linkage/rules";
import type { LinkedFamily, LinkedPerson, LinkedRecord, SourceRecord } from "../linkage/types";
import type { ReviewCandidate } from "./incremental";

/**
 * What family-index keeps with each generation of its link store so that a restart resumes from
 * it instead of reading every agency whole and linking everything again (minutes at a large
 * borough): the records as they were read (in the generation's record rows), where to read each
 * agency's next changes from, the match model, the review candidates, and the last review decision
 * taken in. A restart loads them, is ready at once, then reads only what changed since.
 */
export interface ResumePoint {
  /** Of the way the generation was linked: a generation linked another way is not resumed (see linkageFingerprint). */
  fingerprint: string;
  /** Per agency keeping a change log: where to read its changes from (what the generation's records are as of). */
  changeCursors: Partial<Record<Agency, string>>;
  model: MatchModel | null;
  candidates: readonly ReviewCandidate[];
  /** The highest review decision id the generation was linked with (decisions after it are applied on resume). */
  decisionsUpTo: number;
}

/** A generation as stored, with what resuming from it needs. */
export interface StoredGeneration {
  buildId: number;
  agencies: readonly Agency[];
  missing: readonly Agency[];
  records: LinkedRecord[];
  persons: LinkedPerson[];
  /** Families as stored (members in no particular order). */
  families: LinkedFamily[];
  /** Every record's source as it was read and linked, in the order of `records`. */
  sources: SourceRecord[];
  point: ResumePoint;
}

/**
 * Bump when linking gives other results for the same records (a rule, a comparison, blocking, how
 * ids are made): stored generations made before are then linked again on the next start, not resumed.
 */
export const LINKAGE_VERSION = 1;

/**
 * What a stored generation must have been linked under to be resumed: this linkage version and the
 * rules. Not the reference date (by default today): it decides only family relationships, which a
 * resume works out again for the date it runs on.
 */
export function linkageFingerprint(rules: readonly LinkageRule[] | undefined): string {
  const text = JSON.stringify([LINKAGE_VERSION, rules?.map((r) => [r.name, r.confidence]) ?? "default"]);
  return createHash("sha1").update(text, "utf8").digest("base64");
}

/** The resume point as text for the store (the model's term-frequency maps as entry lists). */
export function serialiseResumePoint(point: ResumePoint): string {
  return JSON.stringify(point, (_key, value: unknown) =>
    value instanceof Map ? { $map: [...(value as Map<unknown, unknown>).entries()] } : value,
  );
}

/** The resume point back from the store's text; throws on text that is not one. */
export function parseResumePoint(text: string): ResumePoint {
  const point = JSON.parse(text, (_key, value: unknown) =>
    value && typeof value === "object" && Array.isArray((value as { $map?: unknown }).$map)
      ? new Map((value as { $map: [unknown, unknown][] }).$map)
      : value,
  ) as Partial<ResumePoint> | null;
  if (
    !point ||
    typeof point.fingerprint !== "string" ||
    typeof point.changeCursors !== "object" ||
    !Array.isArray(point.candidates) ||
    typeof point.decisionsUpTo !== "number"
  )
    throw new Error("the stored resume point is not one");
  return { model: null, ...point } as ResumePoint;
}

/** A record's source as the store keeps it: everything but its agency and local id (columns of their own). */
export function sourceText(source: SourceRecord): string {
  const { agency: _agency, localId: _localId, ...held } = source;
  return JSON.stringify(held);
}

/** A record's source back from the store's text; throws on text that is not one. */
export function sourceFromText(agency: Agency, localId: string, text: string): SourceRecord {
  const held = JSON.parse(text) as Omit<SourceRecord, "agency" | "localId"> | null;
  if (!held || typeof held !== "object" || !Array.isArray(held.relations))
    throw new Error("a stored record source is not one");
  return { ...held, agency, localId };
}
