import {
  AGENCIES,
  ErrorCode,
  agencyUnavailable,
  callerCareUnits,
  errorFields,
  loaderFor,
  type Agency,
  type AgencyInvolvement,
  type Caller,
  type IsoDate,
  type LocalityDirectory,
  type Logger,
} from "@ffd/shared";
import type DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import { FeedError, type EventReader, type InvolvementReader } from "./feed/identity-feed.client";
import type { IndexSnapshot, Indexer } from "./indexer/indexer";
import type { LinkedFamilyMember, LinkedPerson, LinkedRecord, RecordKey } from "./linkage/types";
import type { LinkStore, StoredFamily } from "./store/link-store.port";

export interface Loaders {
  person: DataLoader<string, LinkedPerson | null>;
  recordsByPerson: DataLoader<string, LinkedRecord[]>;
  family: DataLoader<string, StoredFamily | null>;
  membersByFamily: DataLoader<string, LinkedFamilyMember[]>;
  recordByKey: DataLoader<RecordKey, LinkedRecord | null>;
  /** Each agency's involvement with its local ids: one call per agency per request, however many persons. */
  involvements: Readonly<Record<Agency, DataLoader<string, AgencyInvolvement | null>>>;
}

/** An error for the response beside the data (an agency left out of a list that still answers). */
export interface FieldError {
  message: string;
  path: readonly (string | number)[];
  extensions: Record<string, unknown>;
}

export interface FamilyIndexContext {
  requestId: string;
  /** The index as it was when the request started (null before the first build). */
  index: IndexSnapshot | null;
  loaders: Loaders;
  /** Who is asking, as the gateway verified them; null when no caller was verified. */
  caller: Caller | null;
  /** The care units the caller works in (relationship.ts), once per request; none without a caller. */
  callerCareUnits: readonly string[];
  deps: ContextDeps;
  /** Errors to send beside the data (fieldErrorsPlugin): a field that answered without one agency. */
  fieldErrors: FieldError[];
  /**
   * Moves the request on to the index as it is now (after a review decision rebuilt it): the
   * snapshot is taken again and fresh loaders read the new generation.
   */
  moveToCurrentIndex(this: FamilyIndexContext): void;
}

export interface ContextDeps {
  store: LinkStore;
  indexer: Pick<Indexer, "current"> & Partial<Pick<Indexer, "applyDecisions">>;
  logger: Logger;
  /** The locality reference, read once at start (reference data: no query, no personal data). */
  localities: LocalityDirectory;
  /** "Today" for the locality lists (config.REFERENCE_DATE, as the index is built as of it). */
  referenceDate: IsoDate;
  /** Asks the agencies' involvement feeds (live, never stored); none: every agency is unavailable. */
  involvements?: InvolvementReader;
  /** Asks the agencies' event feeds for the safeguarding list (live, never stored); none: every agency is unavailable. */
  events?: EventReader;
}

export function indexNotReady(): GraphQLError {
  return new GraphQLError(
    "The family index is still being built from the agency systems, so people and families cannot be looked up yet. Try again in a minute.",
    { extensions: { code: ErrorCode.IndexNotReady } },
  );
}

/** The index this request reads, or INDEX_NOT_READY. */
export function requireIndex(ctx: FamilyIndexContext): IndexSnapshot {
  if (!ctx.index) throw indexNotReady();
  return ctx.index;
}

/**
 * Per-request context: the current snapshot is taken once, so every loader of the request
 * reads the same store generation even if a rebuild swaps the index meanwhile.
 */
export function createContext(deps: ContextDeps, requestId: string, caller: Caller | null = null): FamilyIndexContext {
  const ctx: FamilyIndexContext = {
    requestId,
    index: null,
    loaders: null as unknown as Loaders,
    caller,
    callerCareUnits: caller ? callerCareUnits(caller) : [],
    deps,
    fieldErrors: [],
    // `this`, not ctx: Apollo Server runs each request on a shallow copy of the context value.
    moveToCurrentIndex(this: FamilyIndexContext) {
      this.index = deps.indexer.current();
      this.loaders = loadersFor(deps, requestId, this.index);
    },
  };
  ctx.moveToCurrentIndex();
  return ctx;
}

function loadersFor(deps: ContextDeps, requestId: string, index: IndexSnapshot | null): Loaders {
  const guarded = <K, V>(what: string, batch: (buildId: number, keys: readonly K[]) => Promise<V[]>) =>
    loaderFor<K, V>(async (keys) => {
      if (!index) throw indexNotReady();
      try {
        return await batch(index.buildId, keys);
      } catch (err) {
        deps.logger.error("link_store.failed", { requestId, what, ...errorFields(err) });
        throw agencyUnavailable("family-index");
      }
    });
  return {
    person: guarded("person", (b, ids) => deps.store.personsByIds(b, ids)),
    recordsByPerson: guarded("records", (b, ids) => deps.store.recordsByPersonIds(b, ids)),
    family: guarded("family", (b, ids) => deps.store.familiesByIds(b, ids)),
    membersByFamily: guarded("members", (b, ids) => deps.store.membersByFamilyIds(b, ids)),
    recordByKey: guarded("record", (b, keys) => deps.store.recordsByKeys(b, keys)),
    involvements: Object.fromEntries(
      AGENCIES.map((agency) => [agency, involvementLoader(deps, requestId, agency)]),
    ) as Record<Agency, DataLoader<string, AgencyInvolvement | null>>,
  };
}

/**
 * A request's loader of one agency's involvements: every local id asked for in the request (any
 * number of persons) in one call to the agency's involvement feed. An agency that cannot be asked
 * is logged once, by request id, reason and HTTP status (never an id), and fails its keys.
 */
function involvementLoader(deps: ContextDeps, requestId: string, agency: Agency) {
  return loaderFor<string, AgencyInvolvement | null>(async (localIds) => {
    try {
      if (!deps.involvements) throw new FeedError(agency, "unreachable");
      return await deps.involvements.involvements(agency, localIds);
    } catch (err) {
      const reason = err instanceof FeedError ? { reason: err.reason, status: err.status } : errorFields(err);
      deps.logger.warn("involvements.agency_unavailable", { requestId, agency, ...reason });
      throw agencyUnavailable(agency);
    }
  });
}
