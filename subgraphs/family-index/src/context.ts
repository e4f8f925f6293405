import {
  ErrorCode,
  agencyUnavailable,
  callerCareUnits,
  errorFields,
  loaderFor,
  type Caller,
  type IsoDate,
  type Logger,
} from "@ffd/shared";
import type DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import type { IndexSnapshot, Indexer } from "./indexer/indexer";
import type { LocalityDirectory } from "./locality/locality-reference";
import type { LinkedFamilyMember, LinkedPerson, LinkedRecord, RecordKey } from "./linkage/types";
import type { LinkStore, StoredFamily } from "./store/link-store.port";

export interface Loaders {
  person: DataLoader<string, LinkedPerson | null>;
  recordsByPerson: DataLoader<string, LinkedRecord[]>;
  family: DataLoader<string, StoredFamily | null>;
  membersByFamily: DataLoader<string, LinkedFamilyMember[]>;
  recordByKey: DataLoader<RecordKey, LinkedRecord | null>;
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
  };
}
